import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file (or run) uses, so tests share the one Redis without seeing each other. */
export function testPrefix(name: string): string {
  return `t-${name}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every key under a prefix (cases, queues, counters). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/** A plain connection for a test, with the prefix's keys removed when it is closed. */
export async function openRedis(
  prefix: string,
  url = REDIS_URL,
): Promise<{ redis: Redis; close: () => Promise<void> }> {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  return {
    redis,
    close: async () => {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
