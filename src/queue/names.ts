/** BullMQ queue names; every queue lives under the KEY_PREFIX so deployments and tests share one Redis. */
export const INTAKE_QUEUE = 'intake';
export const OUTBOUND_QUEUE = 'outbound';
export const SLA_QUEUE = 'sla';

/** BullMQ priorities: lower runs first, so urgent work jumps every queue. */
export const URGENT_PRIORITY = 1;
export const NORMAL_PRIORITY = 10;

/**
 * BullMQ job ids may not contain ":" and only dedupe while the job is kept, so a message id becomes a safe id and
 * completed jobs are kept for three days (the case store's own source index dedupes after that).
 */
export function jobIdFor(kind: string, key: string): string {
  return `${kind}-${Buffer.from(key).toString('base64url')}`;
}

export const KEEP_COMPLETED = { age: 3 * 24 * 3600, count: 100_000 };
export const KEEP_FAILED = { age: 14 * 24 * 3600 };

/**
 * How long a worker's hold on a job lasts unless renewed (BullMQ renews it at half that), and how often a queue
 * looks for jobs whose hold has lapsed. Besides a worker that dies, a Redis restart orphans a job: Redis moved it to
 * active just before it died, the reply never came, and ioredis's resend after reconnecting took the next job
 * instead. Such a job runs again only once its lock has lapsed and the next stalled check sees it, so the two add up
 * to how late a reply or a case can be after a restart (the sender had BullMQ's 30 s + 30 s: a reply a minute late).
 * Our jobs take milliseconds (a case) to a few seconds (a WeChat send), and the lock is renewed on a timer.
 */
export const WORKER_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 } as const;
