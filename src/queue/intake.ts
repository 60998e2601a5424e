import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { IntentSchema } from '../nlu/types.js';
import { quietErrors } from './connection.js';
import { INTAKE_QUEUE, jobIdFor, KEEP_COMPLETED, KEEP_FAILED, NORMAL_PRIORITY, URGENT_PRIORITY } from './names.js';

export const ChannelSchema = z.enum(['group', 'private']);
export type Channel = z.infer<typeof ChannelSchema>;

/** A few messages before it in the group, for the agent's context. */
export const ContextSchema = z.array(z.object({ at: z.string(), from: z.string(), text: z.string() }));

/**
 * An actionable message as the bot hands it to the workers: what the bot saw and understood. The worker adds what
 * it decides (case number prefix, owner, SLA) to make the case input (`cases/build.ts`).
 */
export const IntakeJobSchema = z.object({
  /** The WeChat message's identity: the same key again (a re-delivery, a retried job) is the same case. */
  sourceKey: z.string().min(1),
  messageId: z.string().min(1),
  village: z.string().min(1),
  room: z.string().nullable(),
  channel: ChannelSchema,
  /** Who wrote: wechat4u ids change at every login, so the key is village + display name. */
  resident: z.object({ key: z.string(), name: z.string(), boundTo: z.string().optional() }),
  intent: IntentSchema,
  confidence: z.number(),
  topics: z.array(z.string()),
  urgent: z.boolean(),
  text: z.string(),
  receivedAt: z.string(),
  context: ContextSchema.default([]),
  /** A private message joins the resident's open case instead of opening a new one. */
  joinOpenCase: z.boolean().default(false),
  /** The case the bot chose for a private follow-up (plan-followup.ts); an answered or closed one is reopened. */
  joinCaseId: z.string().optional(),
  /** A sensitive matter (nlu/sensitive.ts): answers go privately. */
  sensitive: z.boolean().optional(),
  /** What the bot already answered, written on the timeline. */
  botReplies: z.array(z.string()).default([]),
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
