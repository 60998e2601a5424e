import type { Case } from '../cases/schema.js';
import type { Understanding } from '../nlu/types.js';

/** What the bot knows of one of the resident's cases when a private message comes in. */
export type CaseLite = Pick<
  Case,
  'id' | 'number' | 'intent' | 'topics' | 'status' | 'owner' | 'urgent' | 'receivedAt' | 'updatedAt' | 'text'
> &
  Partial<Pick<Case, 'resolvedAt' | 'dueAt' | 'channel' | 'room' | 'sensitive'>>;

/** An answered or closed case takes follow-ups (and reopens) this long after it last changed. */
export const REOPEN_WINDOW_MS = 3 * 24 * 3600_000;
/** "谢谢", "好的" after an answer are not follow-ups. */
const SHORT_CHAT = 8;
/** Says it adds to what was said before. */
const ADDS = /补充|再说一下/;
/** Adds to the matter or says it is still not done: maybe the same matter, whatever topics the words carry. */
const CONTINUES = new RegExp(`${ADDS.source}|还是|还没|没修好|没弄好|没解决|又(坏|不|漏|停|来)|不行|没用`);
/** The resident adds to what they said, says it is not fixed, or asks on about the same thing. */
const NOT_DONE = new RegExp(`${CONTINUES.source}|还有|另外|那(我|要|还)|需要带|带什么|什么材料|去哪`);
/**
 * A group message that may follow up one of the writer's cases ("路灯还是没人来修", a case number): only then are
 * their cases read and the message joined to one, instead of a second case on the same thing.
 */
export const mayFollowUp = (text: string): boolean => CONTINUES.test(text) || caseNumberIn(text) !== undefined;
/** Announces another matter ("还有个事", "另外问一下"): never a follow-up to a case on another topic. */
const ANOTHER_MATTER = /还有(个|一个|件|一件|些)?事|另外(一|有)?(个|件)?事|另外(问|想问)|再问(个|一个|一下)|换个事/;
/** A case number as the bot writes it (XH-1201-002), or as a resident types it back (xh 1201 002, XH1201002). */
const CASE_NUMBER = /(?<![A-Za-z])([A-Za-z]{1,6})[-\s]?(\d{4})[-\s]?(\d{3})(?!\d)/;

/** The case number a message quotes, written as the bot writes it; undefined when it quotes none. */
export function caseNumberIn(text: string): string | undefined {
  const m = CASE_NUMBER.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]}-${m[3]}` : undefined;
}

/** "好的", "谢谢", a stray "1": written on an open case, but nothing to answer or reopen. */
export const isShortChat = (u: Pick<Understanding, 'normalized' | 'intent' | 'urgent'>): boolean =>
  u.intent === 'other' && !u.urgent && u.normalized.length <= SHORT_CHAT && !NOT_DONE.test(u.normalized);

export type FollowupChoice =
  | { kind: 'join'; case: CaseLite; reopen: boolean }
  /** Unclear: the bot asks "是补充 … 吗？" and keeps the message until the answer. */
  | { kind: 'ask'; case: CaseLite }
  | { kind: 'new' };

const isOpenStatus = (c: Pick<Case, 'status'>) => c.status !== 'answered' && c.status !== 'closed';

/** The cases a private message may belong to: open ones, and those answered or closed in the last few days. */
export function candidates(cases: readonly CaseLite[], now: Date): CaseLite[] {
  return cases
    .filter((c) => isOpenStatus(c) || now.getTime() - Date.parse(c.resolvedAt ?? c.updatedAt) <= REOPEN_WINDOW_MS)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

const shared = (a: readonly string[], b: readonly string[]) => a.filter((t) => b.includes(t)).length;

/** Two-character words of any follow-up that tell no case from another. */
const GENERIC = new Set(
  '那个 这个 还是 还没 没人 人来 一下 村里 我们 你们 怎么 什么 现在 已经 就是 好几 几天 不是 没有 麻烦 谢谢 的事 事情 问题'.split(
    ' ',
  ),
);
/**
 * How many two-character words of the message the case's own words share: what tells the water-pipe case from the
 * street-light one when both carry the topic 水电路灯 ("水管子那个咋还没人来").
 */
export function wordsShared(text: string, c: Pick<Case, 'text'>): number {
  const seen = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const w = text.slice(i, i + 2);
    if (/^[\u4e00-\u9fff]{2}$/.test(w) && !GENERIC.has(w) && c.text.includes(w)) seen.add(w);
  }
  return seen.size;
}

/** The words point at this case (its number, its topic or its own words), not merely at the writer's only case. */
export const pointsAt = (u: Pick<Understanding, 'normalized' | 'topics'>, c: CaseLite): boolean =>
  CASE_NUMBER.exec(u.normalized)?.[0] === c.number ||
  shared(u.topics, c.topics) > 0 ||
  wordsShared(u.normalized, c) > 0;

/**
 * Which of the resident's cases a private message is about: the one it names, else the one sharing its topic (then
 * its intent), else — for a bare follow-up with one case in sight — that case. A new matter on another topic opens
 * a case; when two cases fit equally the bot asks. An urgent message is never held up by a question.
 */
export function chooseCase(
  u: Pick<Understanding, 'normalized' | 'intent' | 'topics' | 'urgent'>,
  cases: readonly CaseLite[],
  now: Date,
): FollowupChoice {
  const text = u.normalized;
  const pool = candidates(cases, now);
  const chat = isShortChat(u);
  // Chit-chat reopens nothing; it may still join a case that is open (and is written on it).
  const usable = chat ? pool.filter(isOpenStatus) : pool;
  if (usable.length === 0) return { kind: 'new' };
  const join = (c: CaseLite): FollowupChoice => ({ kind: 'join', case: c, reopen: !isOpenStatus(c) });

  const named = caseNumberIn(text);
  const byNumber = named ? usable.find((c) => c.number === named) : undefined;
  if (byNumber) return join(byNumber);

  // A question right after a staff answer is about that answer ("那我需要带什么材料去？").
  const lastAnswered = usable[0]?.status === 'answered' && /[?？吗呢]|什么|怎么|哪/.test(text) ? usable[0] : undefined;
  const scored = usable.map((c) => ({
    c,
    topic: shared(u.topics, c.topics),
    score:
      2 * shared(u.topics, c.topics) +
      (u.intent !== 'other' && u.intent === c.intent ? 1 : 0) +
      (c === lastAnswered ? 2 : 0) +
      // The case's own words break a tie between cases of one topic; they cannot outweigh the topic itself.
      Math.min(wordsShared(text, c), 1) * 1.5,
  }));
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  const only = top.length === 1 ? top[0]! : undefined;
  if (only && (only.topic > 0 || (best > 0 && u.topics.length === 0))) return join(only.c);
  // Another topic than any case in sight: a new matter, unless the words say the old one is still not done.
  const noTopicShared = scored.every((s) => s.topic === 0);
  if (noTopicShared && ANOTHER_MATTER.test(text)) return { kind: 'new' };
  const otherTopic = u.topics.length > 0 && noTopicShared;
  if (otherTopic && !CONTINUES.test(text)) return { kind: 'new' };
  // "我家低保还没批下来" beside a street-light case says something is not done, not that it is the light: asked,
  // unless it says it adds to the case ("补充一下") or uses the case's own words.
  const one = usable.length === 1 ? usable[0]! : undefined;
  if (one && (!otherTopic || ADDS.test(text) || wordsShared(text, one) > 0)) return join(one);
  if (u.urgent) return { kind: 'new' };
  if (chat) return join(usable[0]!);
  return { kind: 'ask', case: top[0]!.c };
}

/** The resident's answer to "是补充 … 吗？回复1；新的事回复2": join, new, or not an answer at all. */
export function answerToAsk(text: string): 'join' | 'new' | null {
  const t = text.trim().replace(/[。.!！]$/, '');
  if (/^(1|１|一|是|是的|是啊|是滴|是嘞|对|对的|对啊|嗯|嗯嗯|补充|就是)$/.test(t)) return 'join';
  if (/^(2|２|二|新的|新的事|不是|不对|新事|另一件事?)$/.test(t)) return 'new';
  return null;
}

/** A few words of a case, so that a question about it reads "XH-1201-002（路灯不亮了）". */
export const gist = (c: Pick<Case, 'text'>): string => {
  const words = c.text
    .replace(/@\S+\s?/g, '')
    .replace(/\s+/g, '')
    .trim();
  return words.length > 12 ? `${words.slice(0, 12)}…` : words;
};
