import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import { escapeRegExp } from './regex.js';

type TrieNode = { next: Map<string, TrieNode>; values?: string[] };

/** Residents split a phrase with filler (死了头猪, 老公一喝酒就动手): "死…猪" allows a few characters between. */
const GAP = '…';
const GAP_FILL = '[^，。！？；,.!?;\\s]{0,6}';

function insert(root: TrieNode, key: string, value: string): void {
  let node = root;
  for (const ch of key) {
    let child = node.next.get(ch);
    if (!child) {
      child = { next: new Map() };
      node.next.set(ch, child);
    }
    node = child;
  }
  node.values ??= [];
  if (!node.values.includes(value)) node.values.push(value);
}

/**
 * Finds dictionary phrases in a text, longest match first at each position, in one left-to-right pass over a
 * character trie: a few hundred phrases cost the same as ten, and no regex backtracking. A phrase with "…" is
 * found by its first part in a second trie, and only then tried as a short regular expression from there.
 */
export class PhraseMatcher {
  private readonly root: TrieNode = { next: new Map() };
  /** First part of each "…" phrase → keys into `gapped`. */
  private readonly heads: TrieNode = { next: new Map() };
  private readonly gapped = new Map<string, { pattern: RegExp; value: string }>();

  constructor(entries: Iterable<[phrase: string, value: string]>) {
    for (const [phrase, value] of entries) {
      if (!phrase) continue;
      if (!phrase.includes(GAP)) {
        insert(this.root, phrase, value);
        continue;
      }
      const parts = phrase.split(GAP).filter(Boolean);
      const key = `${phrase}\u0000${value}`;
      // Sticky: the pattern is tried exactly where its first part was found.
      this.gapped.set(key, { pattern: new RegExp(parts.map(escapeRegExp).join(GAP_FILL), 'y'), value });
      insert(this.heads, parts[0]!, key);
    }
  }

  /**
   * Values of the phrases found, in order of first appearance, each once unless `repeats`. `gaps: false` skips the "…" phrases:
   * they are for how people talk, and over formal text (the rules) they would find pairs that are not one idea.
   * `repeats: true` lists a value at each place it is found, so a text that keeps returning to an idea weighs more.
   */
  match(text: string, { gaps = true, repeats = false }: { gaps?: boolean; repeats?: boolean } = {}): string[] {
    const found: string[] = [];
    const chars = Array.from(text);
    let i = 0;
    while (i < chars.length) {
      let node: TrieNode | undefined = this.root;
      let best: string[] | undefined;
      let bestEnd = i;
      for (let j = i; j < chars.length; j++) {
        node = node.next.get(chars[j]!);
        if (!node) break;
        if (node.values) {
          best = node.values;
          bestEnd = j + 1;
        }
      }
      if (best) {
        for (const v of best) if (repeats || !found.includes(v)) found.push(v);
        i = bestEnd;
      } else {
        i++;
      }
    }
    if (gaps && this.gapped.size > 0) this.matchGapped(text, found);
    return found;
  }

  /**
   * Where each phrase is found, as [start, end) offsets into the text, longest match first at each position as in
   * `match`; "…" phrases from where their first part is found to where their last ends.
   */
  spans(text: string): Array<{ value: string; start: number; end: number }> {
    const out: Array<{ value: string; start: number; end: number }> = [];
    for (let i = 0; i < text.length; ) {
      let node: TrieNode | undefined = this.root;
      let best: string[] | undefined;
      let end = i;
      for (let j = i; j < text.length && node; j++) {
        node = node.next.get(text[j]!);
        if (node?.values) {
          best = node.values;
          end = j + 1;
        }
      }
      if (best) for (const value of best) out.push({ value, start: i, end });
      i = best ? end : i + 1;
    }
    for (let i = 0; i < text.length; i++) {
      let node: TrieNode | undefined = this.heads;
      for (let j = i; j < text.length && node; j++) {
        node = node.next.get(text[j]!);
        for (const key of node?.values ?? []) {
          const { pattern, value } = this.gapped.get(key)!;
          pattern.lastIndex = i;
          if (pattern.test(text)) out.push({ value, start: i, end: pattern.lastIndex });
        }
      }
    }
    return out;
  }

  private matchGapped(text: string, found: string[]): void {
    const units = Array.from(text);
    let offset = 0;
    for (let i = 0; i < units.length; offset += units[i]!.length, i++) {
      let node: TrieNode | undefined = this.heads;
      for (let j = i; j < units.length && node; j++) {
        node = node.next.get(units[j]!);
        for (const key of node?.values ?? []) {
          const { pattern, value } = this.gapped.get(key)!;
          if (found.includes(value)) continue;
          pattern.lastIndex = offset;
          if (pattern.test(text)) found.push(value);
        }
      }
    }
  }
}

const LexiconSchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

/** Reads a concept → phrases JSON file from `intents/`; keys starting with "_" are comments. */
export function readLexicon(file: string): Map<string, string[]> {
  const raw = LexiconSchema.parse(JSON.parse(readFileSync(join(INTENTS_DIR, file), 'utf8')));
  const lexicon = new Map<string, string[]>();
  for (const [concept, phrases] of Object.entries(raw)) {
    if (concept.startsWith('_') || typeof phrases === 'string') continue;
    lexicon.set(concept, [concept, ...phrases]);
  }
  return lexicon;
}

/** A matcher from every phrase of a lexicon to its concept. */
export function matcherOf(lexicon: Map<string, string[]>): PhraseMatcher {
  const entries: Array<[string, string]> = [];
  for (const [concept, phrases] of lexicon) for (const p of phrases) entries.push([p, concept]);
  return new PhraseMatcher(entries);
}

let topics: PhraseMatcher | undefined;
let topicNames: string[] | undefined;

/** The canonical topic concepts `topicsOf` can return, for validating routing tables and admin filters. */
export function topicConcepts(): string[] {
  topicNames ??= [...readLexicon('topics.json').keys()];
  return topicNames;
}

/**
 * Canonical topic concepts (土地, 婚姻家庭, 欠薪 …) in a message or in an advisor's free-text topic, in order of
 * first mention. Expects normalised text (simplified, half-width), as `normalize` produces.
 */
export function topicsOf(text: string): string[] {
  topics ??= matcherOf(readLexicon('topics.json'));
  return topics.match(text);
}
