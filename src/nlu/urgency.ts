import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import { anyOf } from './regex.js';

export type EmergencyNumber = '110' | '119' | '120';

const LexiconSchema = z.object({
  kinds: z.record(
    z.string(),
    z.object({ numbers: z.array(z.enum(['110', '119', '120'])).min(1), patterns: z.array(z.string()).min(1) }),
  ),
  void_before: z.array(z.string()),
  void_after: z.array(z.string()),
  past: z.array(z.string()),
  story: z.object({ past: z.array(z.string()), present: z.array(z.string()), except: z.array(z.string()) }),
  forwarded: z.array(z.string()),
  resolved: z.array(z.string()),
  aftermath: z.object({ phrases: z.array(z.string()), except: z.array(z.string()) }),
});

interface Lexicon {
  kinds: Array<{ kind: string; numbers: EmergencyNumber[]; pattern: RegExp }>;
  voidBefore: RegExp;
  voidAfter: RegExp;
  past: RegExp;
  /** The last past word before a danger, unless a present word follows it ("去年…今天塌了"). */
  pastStory: RegExp;
  storyExcept: Set<string>;
  forwarded: RegExp;
  resolved: RegExp;
  aftermath: RegExp;
  aftermathExcept: Set<string>;
}

/** One danger phrase found in a text; `live` is false when negated, hypothetical, past or resolved. */
export interface DangerHit {
  kind: string;
  live: boolean;
}

let lexicon: Lexicon | undefined;

function load(): Lexicon {
  const raw = LexiconSchema.parse(JSON.parse(readFileSync(join(INTENTS_DIR, 'urgent.json'), 'utf8')));
  return {
    kinds: Object.entries(raw.kinds).map(([kind, k]) => ({
      kind,
      numbers: k.numbers,
      pattern: new RegExp(k.patterns.join('|'), 'g'),
    })),
    // A negation or hypothetical right before the danger word ("不是着火", "万一着火", "注意防火").
    voidBefore: new RegExp(`(?:${anyOf(raw.void_before)}).{0,3}$`),
    voidAfter: new RegExp(`^.{0,2}(?:${anyOf(raw.void_after)})`),
    past: new RegExp(anyOf(raw.past)),
    pastStory: new RegExp(`(?:${anyOf(raw.story.past)})(?:(?!${anyOf(raw.story.present)}).)*$`),
    storyExcept: new Set(raw.story.except),
    // Forwarded safety articles ("防溺水六不准") are full of danger words and never an emergency here.
    forwarded: new RegExp(`^.{0,3}(?:${anyOf(raw.forwarded)})`),
    // "已经灭了" settles it; "找到了吗" is still a question, so a trailing 吗/没 keeps the danger live.
    resolved: new RegExp(`(?:${anyOf(raw.resolved)})(?![吗没么])`),
    // "摔断了腿 该哪个赔": asking who pays means the accident is over; a threat can go on while one asks.
    aftermath: new RegExp(anyOf(raw.aftermath.phrases)),
    aftermathExcept: new Set(raw.aftermath.except),
  };
}

// Clauses end at punctuation or the spaces villagers type instead of it; the past tense of one clause
// ("去年修的墙") must not void the danger in the next ("今天塌了").
const CLAUSE_END = /[,.!?;:，。！？；：\s]/;

function clauseStart(text: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (CLAUSE_END.test(text[i] ?? '')) return i + 1;
  return 0;
}

/** Every danger phrase in a normalised text, with whether it describes a danger happening now. */
export function dangerHits(text: string): DangerHit[] {
  lexicon ??= load();
  const hits: DangerHit[] = [];
  const resolved = lexicon.resolved.exec(text);
  const forwarded = lexicon.forwarded.test(text);
  const aftermath = lexicon.aftermath.test(text);
  for (const { kind, pattern } of lexicon.kinds) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = clauseStart(text, m.index);
      const before = text.slice(start, m.index);
      const live =
        !forwarded &&
        !(aftermath && !lexicon.aftermathExcept.has(kind)) &&
        !lexicon.voidBefore.test(before) &&
        !lexicon.voidAfter.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8)) &&
        !lexicon.past.test(before) &&
        !(!lexicon.storyExcept.has(kind) && lexicon.pastStory.test(text.slice(0, m.index))) &&
        !(resolved !== null && resolved.index > m.index);
      hits.push({ kind, live });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
  return hits;
}

/** The numbers to call for the live dangers found, most specific first (police, fire, ambulance order). */
export function emergencyOf(hits: DangerHit[]): { kind: string; numbers: EmergencyNumber[] } | undefined {
  lexicon ??= load();
  const live = hits.filter((h) => h.live);
  const first = live[0];
  if (!first) return undefined;
  const numbers = new Set<EmergencyNumber>();
  for (const h of live) for (const n of lexicon.kinds.find((k) => k.kind === h.kind)?.numbers ?? []) numbers.add(n);
  return { kind: first.kind, numbers: [...numbers].sort() };
}
