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

const GRAMS = 0;
const WORDS = 1;
const CUES = 2;

/**
 * Scales each view to unit length. Names hold the number of their view until then (no two views share a name:
 * grams have no ":", words and cues have their own prefixes), so no set per view is built.
 */
function scaleViews(out: Features): Features {
  const counts = [0, 0, 0];
  out.forEach((view) => {
    counts[view]!++;
  });
  const scale = counts.map((n) => 1 / Math.sqrt(Math.max(1, n)));
  out.forEach((view, name) => {
    out.set(name, scale[view]!);
  });
  return out;
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

  for (const piece of `^${text.replace(/\s+/g, ' ')}$`.split(NON_WORD)) {
    if (!piece) continue;
    for (let i = 0; i < piece.length; i++) {
      out.set(piece.slice(i, i + 1), GRAMS);
      if (i + 2 <= piece.length) out.set(piece.slice(i, i + 2), GRAMS);
      if (i + 3 <= piece.length) out.set(piece.slice(i, i + 3), GRAMS);
    }
  }
  // The sentence edges matter ("请问…", "…吗"): mark them as grams of their own.
  const first = text.replace(NON_WORD, '').slice(0, 2);
  const last = text.replace(/[^\p{L}\p{N}]+$/u, '').slice(-2);
  out.set(`^${first}`, GRAMS).set(`${last}$`, GRAMS);
  const asks = /[?？]/.test(text);
  if (asks) out.set('?', GRAMS);

  let previous: string | undefined;
  for (const w of segment(text)) {
    if (NON_WORD.test(w) && !/[\p{L}\p{N}]/u.test(w)) continue;
    out.set(`w:${w}`, WORDS);
    if (previous !== undefined) out.set(`b:${previous}_${w}`, WORDS);
    previous = w;
  }

  const fired: string[] = [];
  for (const c of cues) if (c.pattern.test(text)) fired.push(c.name);
  for (let i = 0; i < fired.length; i++) {
    out.set(`c:${fired[i]}`, CUES);
    for (let j = i + 1; j < fired.length; j++) out.set(`cc:${fired[i]}+${fired[j]}`, CUES);
  }
  let live = false;
  for (const h of hits) {
    out.set(h.live ? `u:${h.kind}` : `u:void:${h.kind}`, CUES);
    live ||= h.live;
  }
  if (live) out.set('u:live', CUES);
  // Calling the bot with a question ("@村小助 农村老年金怎么交") is a request even without a request word.
  if (mentioned) out.set(fired.includes('ask') || asks ? 'm:ask' : 'm:say', CUES);
  // Counted in letters and digits: a placeholder for a phone number or the spaces around it add no length.
  out.set(lengthBucket(text.replace(NON_WORDS, '').length), CUES);
  return scaleViews(out);
}
