import { z } from 'zod';
import { IntakeJobSchema } from '../queue/intake.js';
import { eventOf } from './lifecycle.js';
import { type Case, type CaseEvent, OwnerSchema, SlaKindSchema } from './schema.js';

/** What the worker hands the store: the bot's intake job plus what the worker decided (prefix, owner, SLA). */
export const CaseInputSchema = IntakeJobSchema.extend({
  /** Case number prefix of the village (XH). */
  prefix: z.string().regex(/^[A-Z0-9]{1,6}$/),
  owner: OwnerSchema.nullable(),
  slaKind: SlaKindSchema,
  dueAt: z.string(),
});
export type CaseInput = z.input<typeof CaseInputSchema>;
export type ParsedCaseInput = z.infer<typeof CaseInputSchema>;

const botEvents = (texts: readonly string[], at: Date): CaseEvent[] =>
  texts.map((text) => eventOf(at, 'bot', 'bot_reply', text));

/** A new case from a message, under the number taken for it; an owner makes it assigned at once. */
export function buildCase(input: ParsedCaseInput, allocation: { id: string; number: string }, now: Date): Case {
  const events: CaseEvent[] = [
    {
      at: input.receivedAt,
      actor: `resident:${input.resident.name}`,
      type: 'created',
      text: input.text,
      data: { intent: input.intent, confidence: input.confidence, urgent: input.urgent },
    },
  ];
  if (input.owner) {
    events.push(
      eventOf(now, 'system', 'assigned', `${input.owner.role} ${input.owner.name}`, {
        owner: input.owner,
        slaKind: input.slaKind,
        dueAt: input.dueAt,
      }),
    );
  }
  events.push(...botEvents(input.botReplies, now));
  return {
    id: allocation.id,
    number: allocation.number,
    village: input.village,
    room: input.room,
    channel: input.channel,
    resident: input.resident,
    intent: input.intent,
    predictedIntent: input.intent,
    confidence: input.confidence,
    topics: input.topics,
    urgent: input.urgent,
    text: input.text,
    messages: [{ at: input.receivedAt, text: input.text, messageId: input.messageId, channel: input.channel }],
    context: input.context,
    status: input.owner ? 'assigned' : 'new',
    owner: input.owner,
    slaKind: input.slaKind,
    receivedAt: input.receivedAt,
    dueAt: input.dueAt,
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: now.toISOString(),
    events,
  };
}

/**
 * A resident's follow-up joined to their open case: the message, the bot's answer to it, and urgency if it brought
 * any. Null when the case already holds this message (a retried job).
 */
export function mergeInto(c: Case, input: ParsedCaseInput): Case | null {
  if (c.messages.some((m) => m.messageId === input.messageId)) return null;
  const at = new Date(input.receivedAt);
  return {
    ...c,
    urgent: c.urgent || input.urgent,
    messages: [
      ...c.messages,
      { at: input.receivedAt, text: input.text, messageId: input.messageId, channel: input.channel },
    ],
    events: [
      ...c.events,
      { at: input.receivedAt, actor: `resident:${input.resident.name}`, type: 'merged', text: input.text },
      ...botEvents(input.botReplies, at),
    ],
  };
}
