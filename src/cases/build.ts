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
    ...(input.sensitive ? { sensitive: true } : {}),
  };
}

/**
 * A resident's follow-up joined to one of their cases: the message, the bot's answer to it, and what it changes. An
 * answered or closed case is reopened to its owner with a new clock of the same length; urgency it brings makes the
 * case urgent with the urgent clock. Each change is written on the timeline. Null when the case already holds this
 * message (a retried job). `restarted` tells the worker to set the SLA timer for the new deadline.
 */
export function mergeInto(c: Case, input: ParsedCaseInput): (Case & { restarted?: boolean }) | null {
  if (c.messages.some((m) => m.messageId === input.messageId)) return null;
  const at = new Date(input.receivedAt);
  const who = `resident:${input.resident.name}`;
  const events: CaseEvent[] = [{ at: input.receivedAt, actor: who, type: 'merged', text: input.text }];
  let next: Case = { ...c };
  let restarted = false;
  if (c.status === 'answered' || c.status === 'closed') {
    const window = Date.parse(c.dueAt) - Date.parse(c.receivedAt);
    next = { ...next, status: 'reopened', resolvedAt: null, dueAt: new Date(at.getTime() + window).toISOString() };
    events.push(eventOf(at, who, 'status', '居民追问，重新打开', { from: c.status, to: 'reopened' }));
    restarted = true;
  }
  if (input.urgent && !c.urgent) {
    next = { ...next, urgent: true, slaKind: 'urgent', dueAt: input.dueAt };
    events.push(
      eventOf(at, 'system', 'note', '居民私信紧急情况：已升为紧急，时限重新计算', { urgent: true, dueAt: input.dueAt }),
    );
    restarted = true;
  }
  return {
    ...next,
    ...(input.sensitive || c.sensitive ? { sensitive: true } : {}),
    messages: [
      ...c.messages,
      { at: input.receivedAt, text: input.text, messageId: input.messageId, channel: input.channel },
    ],
    events: [...c.events, ...events, ...botEvents(input.botReplies, at)],
    ...(restarted ? { restarted } : {}),
  };
}
