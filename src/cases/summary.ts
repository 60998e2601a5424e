import { z } from 'zod';
import { IntentSchema } from '../nlu/types.js';
import { isOpen } from './lifecycle.js';
import { type Case, CaseStatusSchema, ChannelSchema, OwnerSchema } from './schema.js';

const EXCERPT_CHARS = 140;

/**
 * An inbox row, stored beside each case and rewritten with it: what an agent needs to pick the next case, without
 * the messages, context and timeline that make a full case ten times larger.
 */
export const CaseSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  village: z.string(),
  room: z.string().nullable(),
  channel: ChannelSchema,
  /** The resident's display name. */
  resident: z.string(),
  intent: IntentSchema,
  urgent: z.boolean(),
  status: CaseStatusSchema,
  owner: OwnerSchema.nullable(),
  /** The first message, cut to fit a row. */
  excerpt: z.string(),
  receivedAt: z.string(),
  dueAt: z.string(),
  updatedAt: z.string(),
  deliberating: z.boolean().optional(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const summaryOf = (c: Case): CaseSummary => ({
  id: c.id,
  number: c.number,
  village: c.village,
  room: c.room,
  channel: c.channel,
  resident: c.resident.name,
  intent: c.intent,
  urgent: c.urgent,
  status: c.status,
  owner: c.owner,
  excerpt: c.text.length > EXCERPT_CHARS ? `${c.text.slice(0, EXCERPT_CHARS)}…` : c.text,
  receivedAt: c.receivedAt,
  dueAt: c.dueAt,
  updatedAt: c.updatedAt,
  // Only while open: the inbox reads it as the clock's state ("议事中").
  ...(c.deliberating && isOpen(c) ? { deliberating: true } : {}),
});
