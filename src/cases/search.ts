import type { Case } from './schema.js';

// Search by bigrams: Chinese has no spaces, so a word is found by the pairs of characters it is made of (and a
// single character by itself). Letters and digits count as characters, so case numbers are found the same way.
const SEPARATORS = /[\s\p{P}\p{S}]+/u;
/** A long query is cut: its first pairs already narrow the candidates to a handful. */
const MAX_QUERY_GRAMS = 12;

const pieces = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(SEPARATORS)
    .filter((p) => p.length > 0);

function bigrams(piece: string): string[] {
  const chars = [...piece];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((ch, i) => `${chars[i]}${ch}`);
}

/** Every unigram and bigram a case can be found by: its number, the resident's name, the words of its messages. */
export function caseGrams(c: Pick<Case, 'number' | 'resident' | 'text' | 'messages'>): Set<string> {
  const out = new Set<string>();
  const texts = [c.number, c.resident.name, c.text, ...c.messages.map((m) => m.text)];
  for (const piece of texts.flatMap(pieces)) {
    for (const ch of piece) out.add(ch);
    for (const gram of bigrams(piece)) out.add(gram);
  }
  return out;
}

/** The grams a case must have to match a query: every pair of every word (AND). Empty for a blank query. */
export function queryGrams(q: string): string[] {
  const grams = new Set(pieces(q).flatMap(bigrams));
  return [...grams].slice(0, MAX_QUERY_GRAMS);
}
