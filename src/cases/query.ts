import type { ChainableCommander } from 'ioredis';
import type { Intent } from '../nlu/types.js';
import type { CaseKeys } from './keys.js';
import type { CaseStatus } from './schema.js';

export interface ListQuery {
  villages?: readonly string[];
  status?: CaseStatus | readonly CaseStatus[];
  intent?: Intent;
  urgent?: boolean;
  overdue?: boolean;
  /** Only the cases still waiting for the village (OPEN_STATUSES), from the per-village open index. */
  open?: boolean;
  /** Only the cases this person owns. */
  owner?: string;
  /** Search grams (search.ts queryGrams): a case must have every one. */
  grams?: readonly string[];
  limit?: number;
  offset?: number;
}

export type CountQuery = Omit<ListQuery, 'limit' | 'offset'>;

/**
 * Queues on `pipe` the commands that build the sorted set answering a query: an index itself when one answers it,
 * else temporary unions and intersections of the indexes, which the caller deletes in the same pipeline. Null
 * when the query can match nothing.
 */
export function planQuery(
  keys: CaseKeys,
  query: CountQuery,
  pipe: ChainableCommander,
): { key: string; temps: string[] } | null {
  const temps: string[] = [];
  const tmp = () => {
    const k = keys.temp();
    temps.push(k);
    return k;
  };
  const sets: string[] = [];
  const union = (members: string[]) => {
    if (members.length === 1) return members[0]!;
    const k = tmp();
    pipe.zunionstore(k, members.length, ...members, 'AGGREGATE', 'MAX');
    return k;
  };
  if (query.villages) {
    if (query.villages.length === 0) return null;
    sets.push(union(query.villages.map(query.open ? keys.villageOpen : keys.village)));
  }
  if (query.status !== undefined) {
    const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
    if (statuses.length === 0) return null;
    sets.push(union(statuses.map(keys.status)));
  }
  if (query.intent) sets.push(keys.intent(query.intent));
  if (query.urgent === true) sets.push(keys.urgent);
  if (query.overdue === true) sets.push(keys.overdue);
  if (query.owner !== undefined) sets.push(keys.owner(query.owner));
  // Gram sets are scored 0: intersected with AGGREGATE MAX, the rank comes from the other sets (never alone).
  if (query.grams && query.grams.length > 0) {
    if (sets.length === 0) sets.push(keys.rank);
    sets.push(...query.grams.map(keys.gram));
  }
  const exclude: string[] = [];
  if (query.urgent === false) exclude.push(keys.urgent);
  if (query.overdue === false) exclude.push(keys.overdue);

  let key = keys.rank;
  if (sets.length === 1 && exclude.length === 0) key = sets[0]!;
  else if (sets.length > 0 || exclude.length > 0) {
    const base = sets.length > 0 ? sets : [keys.rank];
    key = tmp();
    if (base.length === 1) pipe.zunionstore(key, 1, base[0]!);
    else pipe.zinterstore(key, base.length, ...base, 'AGGREGATE', 'MAX');
    if (exclude.length > 0) pipe.zdiffstore(key, 1 + exclude.length, key, ...exclude);
  }
  return { key, temps };
}
