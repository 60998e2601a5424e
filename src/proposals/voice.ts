import type { Choice } from './consultation.js';

/** What a resident's answer says: their choice, a reason, and which proposal when they name one. */
export interface ParsedVoice {
  choice: Choice;
  reason?: string;
  /** A case number written in the answer (XH-1201-056). */
  number?: string;
  /** The words left once choice, number and filler are taken out: they may name the proposal. */
  words: string;
}

// Negations first: 不同意 holds 同意, 不支持 holds 支持.
const CHOICE_WORDS: Array<[RegExp, Choice]> = [
  [/不同意|不赞成|不支持|反对|不行|👎/, 'oppose'],
  [/弃权|不表态|中立/, 'abstain'],
  [/支持|赞成|同意|拥护|\+1|＋1|👍/, 'support'],
];
const ANY_CHOICE = new RegExp(CHOICE_WORDS.map(([re]) => re.source).join('|'), 'g');
const NUMBER = /[A-Za-z]{1,4}-\d{4}-\d{1,4}/;
const MENTION = /@\S+\s?/g;
/** Words that dress an answer without saying anything: they are neither reason nor proposal name. */
const FILLER = /我|们|的|号|建议|提议|意见|这个|那个|事情?|表示|投|一票|坚决|完全|非常|全家|[，,。.！!？?、~～\s…]+/g;
/** The choice must come early: "他反对我盖房，还骂人" is a story, not an answer. */
const EARLY = 8;
/** Reasons shorter than this ("修路") are the proposal's name, not a reason. */
const REASON_MIN = 5;

/** Reads a resident's answer to a consultation; null when the text gives no choice up front. */
export function parseVoice(text: string): ParsedVoice | null {
  const plain = text.replace(MENTION, '').trim();
  for (const [re, choice] of CHOICE_WORDS) {
    const m = re.exec(plain);
    if (!m || m.index > EARLY) continue;
    const number = NUMBER.exec(plain)?.[0];
    const rest = plain.slice(0, m.index) + plain.slice(m.index + m[0].length);
    const withoutNumber = number ? rest.replace(number, '') : rest;
    const words = withoutNumber.replace(ANY_CHOICE, '').replace(FILLER, '');
    const reason = withoutNumber.replace(/^[\s，,。！!、：:]+|[\s，,。！!]+$/g, '');
    return {
      choice,
      ...(number ? { number: number.toUpperCase() } : {}),
      ...(words.length >= REASON_MIN ? { reason } : {}),
      words,
    };
  }
  return null;
}

const bigrams = (s: string) => {
  const out = new Set<string>();
  const t = s.replace(/[^\u4e00-\u9fa5A-Za-z0-9]/g, '');
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
};

/**
 * Which of several proposals the words name ("修路那个事", "我反对修路"): the one sharing most two-character
 * pieces with its text; undefined when none or a tie.
 */
export function namedProposal<T extends { number: string; words: string }>(
  words: string,
  among: readonly T[],
): T | undefined {
  const mine = bigrams(words);
  if (mine.size === 0) return undefined;
  const scored = among
    .map((p) => ({ p, score: [...bigrams(p.words)].filter((b) => mine.has(b)).length }))
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (!best || best.score === 0 || (next && next.score === best.score)) return undefined;
  return best.p;
}
