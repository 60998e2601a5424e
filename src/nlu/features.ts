import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import { anyOf } from './regex.js';
import { segment } from './segment.js';
import { type DangerHit, dangerHits } from './urgency.js';

/** Longer texts (forwarded articles) are classified on their beginning: the cost per message stays bounded. */
export const MAX_CHARS = 2000;

const CuesSchema = z.object({ cues: z.record(z.string(), z.array(z.string().min(1)).min(1)) });

let cues: Array<{ name: string; pattern: RegExp }> | undefined;

function loadCues(): Array<{ name: string; pattern: RegExp }> {
  const raw = CuesSchema.parse(JSON.parse(readFileSync(join(INTENTS_DIR, 'cues.json'), 'utf8')));
  return Object.entries(raw.cues).map(([name, words]) => ({
    name,
    pattern: new RegExp(anyOf(words)),
  }));
}

/** A sparse feature vector: names with values. Each view is scaled to unit length, so none drowns the others. */
export type Features = Map<string, number>;

const NON_WORD = /[^\p{L}\p{N}]+/u;
const NON_WORDS = /[^\p{L}\p{N}]+/gu;

function addView(out: Features, names: Iterable<string>): void {
  const set = new Set(names);
  if (set.size === 0) return;
  const v = 1 / Math.sqrt(set.size);
  for (const n of set) out.set(n, v);
}

function lengthBucket(n: number): string {
  if (n <= 4) return 'len:xs';
  if (n <= 10) return 'len:s';
  if (n <= 25) return 'len:m';
  if (n <= 60) return 'len:l';
  if (n <= 150) return 'len:xl';
  return 'len:xxl';
}

/**
 * Three views of a normalised text: character 1–3-grams (robust to typos and unknown words), jieba words and
 * word pairs, and cue groups with their pairwise combinations, danger hits and whether the bot was called
 * (they carry meaning across phrasings the training data never saw).
 */
export function featuresOf(
  normalized: string,
  hits: DangerHit[] = dangerHits(normalized),
  mentioned = false,
): Features {
  cues ??= loadCues();
  const text = normalized.slice(0, MAX_CHARS);
  const out: Features = new Map();

  const grams: string[] = [];
  for (const piece of `^${text.replace(/\s+/g, ' ')}$`.split(NON_WORD)) {
    if (!piece) continue;
    for (let i = 0; i < piece.length; i++) {
      grams.push(piece.slice(i, i + 1));
      if (i + 2 <= piece.length) grams.push(piece.slice(i, i + 2));
      if (i + 3 <= piece.length) grams.push(piece.slice(i, i + 3));
    }
  }
  // The sentence edges matter ("请问…", "…吗"): mark them as grams of their own.
  const first = text.replace(NON_WORD, '').slice(0, 2);
  const last = text.replace(/[^\p{L}\p{N}]+$/u, '').slice(-2);
  grams.push(`^${first}`, `${last}$`);
  if (/[?？]/.test(text)) grams.push('?');
  addView(out, grams);

  const words = segment(text).filter((w) => !NON_WORD.test(w) || /[\p{L}\p{N}]/u.test(w));
  const wordNames = words.map((w) => `w:${w}`);
  for (let i = 1; i < words.length; i++) wordNames.push(`b:${words[i - 1]}_${words[i]}`);
  addView(out, wordNames);

  const fired = cues.filter((c) => c.pattern.test(text)).map((c) => c.name);
  const cueNames = fired.map((c) => `c:${c}`);
  for (let i = 0; i < fired.length; i++)
    for (let j = i + 1; j < fired.length; j++) cueNames.push(`cc:${fired[i]}+${fired[j]}`);
  for (const h of hits) cueNames.push(h.live ? `u:${h.kind}` : `u:void:${h.kind}`);
  if (hits.some((h) => h.live)) cueNames.push('u:live');
  // Calling the bot with a question ("@村小助 农村老年金怎么交") is a request even without a request word.
  if (mentioned) cueNames.push(fired.includes('ask') || /[?？]/.test(text) ? 'm:ask' : 'm:say');
  // Counted in letters and digits: a placeholder for a phone number or the spaces around it add no length.
  cueNames.push(lengthBucket(text.replace(NON_WORDS, '').length));
  addView(out, cueNames);
  return out;
}
