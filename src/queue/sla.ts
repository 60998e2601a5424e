import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { quietErrors } from './connection.js';
import { KEEP_COMPLETED, KEEP_FAILED, SLA_QUEUE } from './names.js';
import { OutboundJobSchema } from './outbound.js';

export const SlaJobSchema = z.object({
  kind: z.literal('sla').default('sla'),
  caseId: z.string().min(1),
  step: z.enum(['reminder', 'overdue', 'escalate']),
  /** The deadline the timer was set for: a timer from an older deadline (the SLA changed) is ignored. */
  dueAt: z.string(),
  /** A step held past the quiet hours: when it was set to run. It makes the morning's timer (and job) its own. */
  heldUntil: z.string().optional(),
});
export type SlaJob = z.infer<typeof SlaJobSchema>;

/**
 * Every timer a case has, as the queue carries it when it comes due: the SLA steps, the morning acknowledgement
 * of a message the group did not hear at night (`replies` is what it will hear), and the end of the 回访 window.
 */
export const TimerSchema = z.discriminatedUnion('kind', [
  SlaJobSchema.extend({ kind: z.literal('sla') }),
  z.object({ kind: z.literal('morning'), caseId: z.string().min(1), replies: z.array(OutboundJobSchema) }),
  z.object({ kind: z.literal('survey'), caseId: z.string().min(1), askedAt: z.string() }),
  /** 意见征集's deadline: the consultation closes and its result is published. */
  z.object({ kind: z.literal('consult'), caseId: z.string().min(1), deadline: z.string() }),
]);
export type Timer = z.infer<typeof TimerSchema>;
export type TimerInput = z.input<typeof TimerSchema>;

export function createSlaQueue(connection: Redis, prefix: string): Queue<Timer> {
  return quietErrors(
    new Queue<Timer>(SLA_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    }),
  );
}
