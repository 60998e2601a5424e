import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ChannelSchema, ResidentSchema } from '../cases/schema.js';
import { IntentSchema } from '../nlu/types.js';
import { quietErrors } from './connection.js';
import { INTAKE_QUEUE, jobIdFor, KEEP_COMPLETED, KEEP_FAILED, NORMAL_PRIORITY, URGENT_PRIORITY } from './names.js';

/** An actionable message as the bot hands it to the workers. */
export const IntakeJobSchema = z.object({
  /** Identity of the WeChat message (village + message id): a re-delivery has the same key. */
  sourceKey: z.string().min(1),
  messageId: z.string().min(1),
  village: z.string().min(1),
  room: z.string().nullable(),
  channel: ChannelSchema,
  resident: ResidentSchema,
  intent: IntentSchema,
  confidence: z.number(),
  topics: z.array(z.string()),
  urgent: z.boolean(),
  text: z.string(),
  receivedAt: z.string(),
  context: z.array(z.object({ at: z.string(), from: z.string(), text: z.string() })),
  joinOpenCase: z.boolean(),
  /** What the bot already told the resident, recorded on the timeline. */
  botReplies: z.array(z.string()),
});
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
