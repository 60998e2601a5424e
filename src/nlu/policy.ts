import type { Intent } from './types.js';

/**
 * Below this probability of needing action an unmentioned message stays unanswered. A bot that answers chit-chat
 * is removed from the group within a day, so the bar is set for few false replies, accepting some missed ones.
 */
export const REPLY_CONFIDENCE = 0.6;

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
}

// Thanks and acknowledgements, with the particles and punctuation around them; a greeting ("你好") is not one.
const CLOSING =
  /^(?:谢谢你|谢谢您|谢谢|多谢|感谢|谢了|谢啦|好的|好滴|好嘞|好|收到|知道了|晓得了|明白|懂了|辛苦|ok|嗯|哦|噢|行|了|啦|啊|呀|哈|的|[\s\p{P}\p{S}])+$/iu;

/** Whether a normalised message only thanks or acknowledges: called with it, the bot need not answer. */
export function isClosing(normalized: string): boolean {
  return CLOSING.test(normalized);
}

/**
 * Whether the bot speaks in a group (default daytime policy): in an emergency, when called (unless only thanked),
 * or when sure.
 */
export function wouldReply({ intent, actionable, urgent, mentioned, closing = false }: PolicyInput): boolean {
  if (urgent) return true;
  if (mentioned) return intent !== 'other' || !closing;
  return intent !== 'other' && actionable >= REPLY_CONFIDENCE;
}
