import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { CaseInputSchema } from '../cases/store.js';
import { quietErrors } from './connection.js';
import { INTAKE_QUEUE, jobIdFor, KEEP_COMPLETED, KEEP_FAILED, NORMAL_PRIORITY, URGENT_PRIORITY } from './names.js';

/**
 * An actionable message as the bot hands it to the workers: the case input without what the worker decides
 * (case number prefix, owner, SLA), so the two cannot drift apart.
 */
export const IntakeJobSchema = CaseInputSchema.omit({ prefix: true, owner: true, slaKind: true, dueAt: true });
export type IntakeJob = z.infer<typeof IntakeJobSchema>;

export function createIntakeQueue(connection: Redis, prefix: string): Queue<IntakeJob> {
  return quietErrors(
    new Queue<IntakeJob>(INTAKE_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    }),
  );
}

/**
 * Enqueues a message once: the job id comes from the message, so a re-delivered message adds nothing. The job is
 * typed, not parsed here: the worker parses it where it comes out of Redis.
 */
export async function enqueueIntake(queue: Queue<IntakeJob>, job: IntakeJob): Promise<void> {
  await queue.add('message', job, {
    jobId: jobIdFor('m', job.sourceKey),
    priority: job.urgent ? URGENT_PRIORITY : NORMAL_PRIORITY,
  });
}
