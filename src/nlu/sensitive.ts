import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import type { Intent, Sensitive } from './types.js';

/**
 * Matters a resident must never have discussed in the group: domestic violence, self-harm, sexual violence, child
 * abuse. The words live in intents/sensitive.json so that a village's staff can add theirs.
 */
const LexiconSchema = z.object({
  /** Word lists a pattern names as {name}: who hits whom is said in many ways, and written once. */
  words: z.record(z.string().regex(/^[a-z]+$/), z.string().min(1)).default({}),
  kinds: z.record(z.string(), z.object({ hotlines: z.array(z.string()).min(1), patterns: z.array(z.string()).min(1) })),
  /** A joke ("开玩笑的", not "不是开玩笑"), a forwarded article, a film retold: none of them, whatever it says. */
  aside: z.string().optional(),
  /** Phrases that look like one of the above but talk about something else ("笑死", "反家暴法"). */
  not: z.array(z.string()),
});

interface Lexicon {
  kinds: Array<{ kind: string; hotlines: string[]; pattern: RegExp }>;
  aside: RegExp | undefined;
  not: string[];
}

let lexicon: Lexicon | undefined;

/** Clause marks: a space is one, so that "老公在外地打工 我没地方去" does not read as 打…我. */
const CLAUSE = /[\s　]+/g;

function expand(source: string, words: Record<string, string>, depth = 0): string {
  return source.replace(/\{([a-z]+)\}/g, (_, name: string) => {
    const word = words[name];
    if (word === undefined) throw new Error(`intents/sensitive.json: unknown word {${name}}`);
    if (depth > 4) throw new Error(`intents/sensitive.json: {${name}} names itself`);
    return `(?:${expand(word, words, depth + 1)})`;
  });
}

function load(): Lexicon {
  const raw = LexiconSchema.parse(JSON.parse(readFileSync(join(INTENTS_DIR, 'sensitive.json'), 'utf8')));
  return {
    kinds: Object.entries(raw.kinds).map(([kind, k]) => ({
      kind,
      hotlines: k.hotlines,
      pattern: new RegExp(k.patterns.map((p) => expand(p, raw.words)).join('|')),
    })),
    aside: raw.aside === undefined ? undefined : new RegExp(raw.aside),
    not: raw.not,
  };
}

/** The sensitive matters a normalised message speaks of, or undefined. */
export function sensitiveOf(normalized: string): Sensitive | undefined {
  lexicon ??= load();
  let text = normalized.replace(CLAUSE, '，');
  if (lexicon.aside?.test(text)) return undefined;
  for (const phrase of lexicon.not) text = text.split(phrase).join('，');
  const hits = lexicon.kinds.filter((k) => k.pattern.test(text));
  if (hits.length === 0) return undefined;
  return { kinds: hits.map((k) => k.kind), hotlines: [...new Set(hits.flatMap((k) => k.hotlines))] };
}

/**
 * The intent a sensitive matter is counted under (corpus/LABELS.md): harm done by one person to another is a conflict
 * between parties (dispute_report) whatever the words sounded like; self-harm alone is a pure emergency
 * (service_request). A legal question or a proposal stays one.
 */
export function sensitiveIntent(intent: Intent, kinds: readonly string[]): Intent {
  if (intent === 'legal_question' || intent === 'proposal') return intent;
  return kinds.some((k) => k !== 'self_harm') ? 'dispute_report' : intent === 'other' ? 'service_request' : intent;
}
