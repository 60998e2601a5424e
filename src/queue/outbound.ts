import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { quietErrors } from './connection.js';
import { KEEP_COMPLETED, KEEP_FAILED, NORMAL_PRIORITY, OUTBOUND_QUEUE, URGENT_PRIORITY } from './names.js';

/** Where a bot message goes: a group by topic (optionally @-mentioning a member), or a person by display name. */
const DestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('room'), topic: z.string().min(1), mention: z.string().min(1).optional() }),
  z.object({ kind: z.literal('contact'), name: z.string().min(1) }),
]);

/** A message said only after another one (see `afterSent`, `fallback`). */
const FollowingSchema = z.object({ to: DestinationSchema, text: z.string().min(1) });
export type Following = z.infer<typeof FollowingSchema>;

/** One message the bot will say. Every message goes through this queue: it is WeChat's throttle. */
export const OutboundJobSchema = z.object({
  to: DestinationSchema,
  text: z.string().min(1),
  urgent: z.boolean().default(false),
  village: z.string().optional(),
  /** The case it belongs to: a send that finally fails is recorded there. */
  caseId: z.string().optional(),
  /** Also record a successful send on the case timeline (answers from advisors). */
  record: z.boolean().default(false),
  /** Said once this message was handed to WeChat ("已通知杜建军" after the alert went). */
  afterSent: z.array(FollowingSchema).optional(),
  /** When this message finally cannot be sent: the next one to try, with what to say once it went. */
  fallback: z.array(FollowingSchema.extend({ afterSent: z.array(FollowingSchema).default([]) })).optional(),
  /** Said when neither this message nor any fallback could be sent. */
  unreached: z.array(FollowingSchema).optional(),
});
export type OutboundJob = z.infer<typeof OutboundJobSchema>;
export type OutboundInput = z.input<typeof OutboundJobSchema>;

export const OUTBOUND_ATTEMPTS = 5;

/** The producer side of the outbound queue, used by the bot, the workers and the admin service alike. */
export class Outbox {
  readonly queue: Queue<OutboundJob>;

  /** `backoffMs`: the first retry's delay, doubling after (a contact not found, WeChat hiccups). */
  constructor(connection: Redis, prefix: string, { backoffMs = 2000 }: { backoffMs?: number } = {}) {
    this.queue = quietErrors(
      new Queue<OutboundJob>(OUTBOUND_QUEUE, {
        connection,
        prefix,
        defaultJobOptions: {
          attempts: OUTBOUND_ATTEMPTS,
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        },
      }),
    );
  }

  /** Queues a message; `jobId` (no ":") makes a retry of the same send a no-op. */
  async send(input: OutboundInput, jobId?: string): Promise<void> {
    const job = OutboundJobSchema.parse(input);
    await this.queue.add('say', job, { jobId, priority: job.urgent ? URGENT_PRIORITY : NORMAL_PRIORITY });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
