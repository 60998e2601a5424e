import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { quietErrors } from './connection.js';
import { jobIdFor, KEEP_COMPLETED, KEEP_FAILED, SLA_QUEUE } from './names.js';

export const SlaJobSchema = z.object({
  caseId: z.string().min(1),
  step: z.enum(['reminder', 'overdue', 'escalate']),
  /** The deadline the timer was set for: a timer from an older deadline (the SLA changed) is ignored. */
  dueAt: z.string(),
});
export type SlaJob = z.infer<typeof SlaJobSchema>;

export function createSlaQueue(connection: Redis, prefix: string): Queue<SlaJob> {
  return quietErrors(
    new Queue<SlaJob>(SLA_QUEUE, {
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

/**
 * Sets a delayed job that fires at its moment (at once when the moment has passed); one job per case, step and
 * deadline, so setting it twice changes nothing. `now` is the clock's time: the delay is counted from it. A plain add: a one-job addBulk builds a pipeline, which on a
 * connection carrying BullMQ's scripts costs more than the add.
 */
export async function scheduleSla(queue: Queue<SlaJob>, job: SlaJob, at: Date, now: Date): Promise<void> {
  await queue.add(job.step, SlaJobSchema.parse(job), {
    jobId: jobIdFor('sla', `${job.caseId}|${job.step}|${job.dueAt}`),
    delay: Math.max(0, at.getTime() - now.getTime()),
  });
}
