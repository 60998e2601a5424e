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
