import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** A connection for a short command: fails at once with a plain message instead of retrying forever. */
export async function openRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new RedisUnavailableError(
      `cannot reach Redis at ${url} (${(err as Error).message}). Start one (\`redis-server\`; install it with ` +
        '`apt install redis-server`, `brew install redis` or `docker compose up -d redis`) or set REDIS_URL.',
    );
  }
}
