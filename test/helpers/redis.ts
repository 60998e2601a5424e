import { Redis } from 'ioredis';
import { deletePrefix } from '../../src/queue/connection.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file (or run) uses, so tests share the one Redis without seeing each other. */
export function testPrefix(name: string): string {
  return `t-${name}-${process.pid}-${Date.now().toString(36)}`;
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
