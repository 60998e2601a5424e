import type { Features } from './features.js';
import type { Intent } from './types.js';

/**
 * Below this probability of needing action an unmentioned message stays unanswered. A bot that answers chit-chat
 * is removed from the group within a day, so the bar is set for few false replies, accepting some missed ones.
 */
export const REPLY_CONFIDENCE = 0.6;
/** The bar for a message that names a topic but asks nothing: a story, a hope, a complaint told to the group. */
export const UNASKED_CONFIDENCE = 0.75;
/** The bar for a notice, a forwarded article, gossip or a message to another member (see `Signals`). */
export const BROADCAST_CONFIDENCE = 0.95;

/** What in a message's wording, apart from its topic, says whether it is meant for the village to act on. */
export interface Signals {
  /** A question, a request, a complaint or a reported fault: a topic word alone ("低保", "医保") is none. */
  asks: boolean;
  /**
   * A notice, a forwarded article, news, an ad or gossip ("听说…"), or a message calling another member:
   * written for the group to read, not for the village to act on.
   */
  broadcast: boolean;
}

export interface PolicyInput {
  intent: Intent;
  /**
   * Probability that the message needs action, whichever kind (1 − P(other)): a question split between a
   * legal and a service reading ("农村合作医疗一年多少钱") is still one to answer.
   */
  actionable: number;
  urgent: boolean;
  mentioned: boolean;
  /** The message only thanks or acknowledges ("谢谢", "好的 收到"): see `isClosing`. */
  closing?: boolean;
  /** Without them (a caller with only the scores) the model's probability decides alone. */
  signals?: Signals;
}

// Thanks and acknowledgements, with the particles and punctuation around them; a greeting ("你好") is not one.
const CLOSING =
  /^(?:谢谢你|谢谢您|谢谢|多谢|感谢|谢了|谢啦|好的|好滴|好嘞|好|收到|知道了|晓得了|明白|懂了|辛苦|ok|嗯|哦|噢|行|了|啦|啊|呀|哈|的|[\s\p{P}\p{S}])+$/iu;

/** Whether a normalised message only thanks or acknowledges: called with it, the bot need not answer. */
export function isClosing(normalized: string): boolean {
  return CLOSING.test(normalized);
}

const ASKS = ['c:ask', 'c:request', 'c:fault', 'c:intervene', 'c:conflict', '?'];
const BROADCAST = ['c:notice', 'c:forward', 'c:ad', 'c:gossip'];
// The bot's own mention is gone by now: an @ left at the start calls another member ("@王姐 你家鸡蛋还有没"), as
// does a kin or peer title before 你 ("二姑 你那个降压药在哪买的", "张哥 你家拖拉机借我用一天").
const TO_SOMEONE = /^\s*(?:[@＠]\S|\p{Script=Han}{0,2}[姑姨叔婶舅哥姐嫂弟妹伯][\s,，]*你(?!们))/u;
// "能收回地不", "发了没": a question told by its last word, which the ask cue (吗, 咋, 多少…) misses.
const ASKED_AT_END = /[不没吗么呢][\s\p{P}]*$/u;

/** The signals of a normalised message from its features (`featuresOf`): cue groups and the question mark. */
export function signalsOf(normalized: string, x: Features): Signals {
  return {
    asks: ASKED_AT_END.test(normalized) || ASKS.some((f) => x.has(f)),
    broadcast: TO_SOMEONE.test(normalized) || BROADCAST.some((f) => x.has(f)),
  };
}

/**
 * Whether the bot speaks in a group (default daytime policy): in an emergency, when called (unless only thanked),
 * or when sure that a question or request is meant for the village.
 */
export function wouldReply({ intent, actionable, urgent, mentioned, closing = false, signals }: PolicyInput): boolean {
  if (urgent) return true;
  if (mentioned) return intent !== 'other' || !closing;
  if (intent === 'other') return false;
  if (!signals) return actionable >= REPLY_CONFIDENCE;
  const bar = signals.broadcast ? BROADCAST_CONFIDENCE : signals.asks ? REPLY_CONFIDENCE : UNASKED_CONFIDENCE;
  return actionable >= bar;
}
