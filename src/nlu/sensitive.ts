import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';

/**
 * Matters a resident must never have discussed in the group: domestic violence, self-harm, sexual violence, child
 * abuse. The words live in intents/sensitive.json so that a village's staff can add theirs.
 */
const LexiconSchema = z.object({
  kinds: z.record(z.string(), z.object({ hotlines: z.array(z.string()).min(1), patterns: z.array(z.string()).min(1) })),
  /** Phrases that look like one of the above but talk about something else ("笑死", "反家暴法"). */
  not: z.array(z.string()),
});

export interface Sensitive {
  kind: string;
  /** Keys of the hotline lists (villages/<id>/hotlines.json) that fit this kind. */
  hotlines: string[];
}

interface Lexicon {
  kinds: Array<Sensitive & { pattern: RegExp }>;
  not: string[];
}

let lexicon: Lexicon | undefined;

function load(): Lexicon {
  const raw = LexiconSchema.parse(JSON.parse(readFileSync(join(INTENTS_DIR, 'sensitive.json'), 'utf8')));
  return {
    kinds: Object.entries(raw.kinds).map(([kind, k]) => ({
      kind,
      hotlines: k.hotlines,
      pattern: new RegExp(k.patterns.join('|')),
    })),
    not: raw.not,
  };
}

/** The sensitive matter a normalised message speaks of, or undefined. */
export function sensitiveOf(normalized: string): Sensitive | undefined {
  lexicon ??= load();
  let text = normalized.replace(/\s+/g, '');
  for (const phrase of lexicon.not) text = text.split(phrase).join('　');
  const hit = lexicon.kinds.find((k) => k.pattern.test(text));
  return hit ? { kind: hit.kind, hotlines: hit.hotlines } : undefined;
}
