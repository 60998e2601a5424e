import type { CaseKeys } from './keys.js';
import { isOpen, slaRuns } from './lifecycle.js';
import type { Case } from './schema.js';

// The inbox order lives in one score: urgent first, then overdue, then newest. Receipt times in ms (~1.8e12) stay
// below both flags, and the sum stays far below 2^53, so the order is exact.
const URGENT_FLAG = 4e13;
const OVERDUE_FLAG = 2e13;

export const isOverdue = (c: Pick<Case, 'status' | 'dueAt' | 'deliberating'>, now: Date): boolean =>
  slaRuns(c) && Date.parse(c.dueAt) <= now.getTime();

/** One index change as save.lua applies it; the number is the key's place in KEYS (1-based). */
export type IndexOp =
  | ['zadd', number, string]
  | ['zrem', number]
  | ['set', number]
  | ['delif', number]
  | ['hset', number, string];

/**
 * The keys and index changes that store `c` (replacing `before`, if any) as of `now`: every index the case belongs
 * to gets it at its rank, every index it left loses it, and `extra` hash fields point at it. KEYS[1] and KEYS[2]
 * are the case hash and the summary hash.
 */
export function indexOps(
  keys: CaseKeys,
  c: Case,
  before: Case | null,
  now: Date,
  extra: ReadonlyArray<[hash: string, field: string]> = [],
): { keys: string[]; ops: IndexOp[] } {
  const open = isOpen(c);
  const overdue = isOverdue(c, now);
  const rank = String(Date.parse(c.receivedAt) + (c.urgent ? URGENT_FLAG : 0) + (overdue ? OVERDUE_FLAG : 0));
  const all: string[] = [keys.case(c.id), keys.summaries];
  const ops: IndexOp[] = [];
  const k = (key: string) => all.push(key);

  const wanted = new Set<string>([keys.rank, keys.village(c.village), keys.status(c.status), keys.intent(c.intent)]);
  if (c.urgent) wanted.add(keys.urgent);
  if (overdue) wanted.add(keys.overdue);
  if (c.owner) wanted.add(keys.owner(c.owner.name));
  if (open) wanted.add(keys.villageOpen(c.village));
  if (before) {
    const had = [
      keys.status(before.status),
      keys.intent(before.intent),
      keys.urgent,
      keys.overdue,
      keys.villageOpen(before.village),
    ];
    if (before.owner) had.push(keys.owner(before.owner.name));
    for (const key of had) if (!wanted.has(key)) ops.push(['zrem', k(key)]);
  }
  for (const key of wanted) ops.push(['zadd', k(key), rank]);
  ops.push(['zadd', k(keys.received(c.village)), String(Date.parse(c.receivedAt))]);
  ops.push(['zadd', k(keys.resident(c.resident.key)), String(Date.parse(c.receivedAt))]);
  if (slaRuns(c) && !overdue) ops.push(['zadd', k(keys.due), String(Date.parse(c.dueAt))]);
  else ops.push(['zrem', k(keys.due)]);
  ops.push(open ? ['set', k(keys.open(c.resident.key))] : ['delif', k(keys.open(c.resident.key))]);
  ops.push(['hset', k(keys.byNumber), c.number]);
  for (const [hash, field] of extra) ops.push(['hset', k(hash), field]);
  return { keys: all, ops };
}
