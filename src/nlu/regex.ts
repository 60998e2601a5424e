/** A literal string as a regular expression source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation matching any of the literal phrases. */
export function anyOf(phrases: string[]): string {
  return phrases.map(escapeRegExp).join('|');
}
