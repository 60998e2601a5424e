import { z } from 'zod';

export const INTENTS = ['legal_question', 'dispute_report', 'service_request', 'proposal', 'other'] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

/** A sensitive matter found in a message (src/nlu/sensitive.ts). */
export interface Sensitive {
  /** Every matter the message speaks of, in the lexicon's order: the first names the emergency. */
  kinds: string[];
  /** Keys of the hotline lists (villages/<id>/hotlines.json) for all of them, each once. */
  hotlines: string[];
}

/** What cunbot understood of one message. Pure data: no Wechaty, no Redis. */
export interface Understanding {
  /** The text after normalisation (half-width, simplified, mention and emoji codes removed). */
  normalized: string;
  intent: Intent;
  /** Calibrated probability of `intent`. */
  confidence: number;
  /** Probability per intent, summing to 1. */
  scores: Record<Intent, number>;
  urgent: boolean;
  /** Which emergency number fits, when urgent. */
  emergency?: { kind: string; numbers: Array<'110' | '119' | '120'> };
  /** Topic concepts found in the text (e.g. 宅基地, 婚姻家庭), used to pick the legal advisor and to route. */
  topics: string[];
  mentioned: boolean;
  /** Whether the bot would speak in the group under the default daytime policy. */
  wouldReply: boolean;
  /** Violence at home, self-harm, abuse (intents/sensitive.json): urgent, and private end to end. */
  sensitive?: Sensitive;
}
