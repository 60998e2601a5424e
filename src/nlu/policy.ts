import type { Intent } from './types.js';

/**
 * Below this confidence an unmentioned message stays unanswered. A bot that answers chit-chat is removed from
 * the group within a day, so the bar is set for few false replies, accepting some missed ones.
 */
export const REPLY_CONFIDENCE = 0.6;

export interface PolicyInput {
  intent: Intent;
  confidence: number;
  urgent: boolean;
  mentioned: boolean;
}

/** Whether the bot speaks in a group (default daytime policy): when called, in an emergency, or when sure. */
export function wouldReply({ intent, confidence, urgent, mentioned }: PolicyInput): boolean {
  if (mentioned || urgent) return true;
  return intent !== 'other' && confidence >= REPLY_CONFIDENCE;
}
