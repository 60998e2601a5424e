import { Redis } from 'ioredis';
import { ConfigError } from '../config/env.js';
import { UserFacingError } from '../config/errors.js';
import { logger } from '../log/logger.js';

export class RedisUnavailableError extends UserFacingError {
  override name = 'RedisUnavailableError';

  constructor(message: string) {
    super(message, '数据库（Redis）连不上，请先启动它。', 503);
  }
}

/**
 * One ioredis connection that rides out a Redis restart: commands wait in ioredis's offline queue and are retried
 * after reconnecting instead of failing (BullMQ workers need `maxRetriesPerRequest: null` anyway), so a message
 * accepted while Redis is away is stored once it is back.
 */
export function createRedis(url: string, name = 'cunbot', { coalesce = true }: { coalesce?: boolean } = {}): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
  // Each write is a system call that wakes Redis; on a small machine shared with Redis that switch costs more than
  // the command. Writes made in one turn of the event loop (a message's job adds, several jobs finishing together)
  // leave as one. A connection whose every command sits on a latency path (the sender's one-at-a-time loop) goes
  // without: each of its commands would wait for the end of the turn, behind whatever else that turn does.
  if (coalesce) redis.on('connect', () => coalesceWrites(redis.stream));
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ err: err.message, name }, 'redis unreachable; retrying');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ name }, 'redis back');
    down = false;
  });
  return redis;
}

/**
 * A connection for a short command (`users`, `intents`, the demo's probe): fails at once with the fix instead of
 * waiting for Redis forever like the long-lived connections above.
 */
export async function connectOnce(url: string): Promise<Redis> {
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

/** Holds a socket's writes until the event loop's current turn ends, then sends them in one writev. */
function coalesceWrites(socket: NodeJS.WritableStream & { cork(): void; uncork(): void }): void {
  const write = socket.write;
  let corked = false;
  const flush = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: typeof socket, ...args: Parameters<typeof write>) {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(flush);
    }
    return write.apply(this, args);
  } as typeof write;
}

/**
 * BullMQ queues re-emit their connection's errors; without a listener they reach the console. The connection
 * itself already says once that Redis is away, so these go to debug.
 */
export function quietErrors<T extends { on(event: 'error', fn: (err: Error) => void): unknown }>(queue: T): T {
  queue.on('error', (err) => logger.debug({ err: err.message }, 'queue connection error'));
  return queue;
}

/**
 * Fails fast, with the fix, when nothing answers at REDIS_URL (commands would otherwise wait for it forever): at
 * once when the connection is refused or the host unknown, else after `timeoutMs` of silence.
 */
export async function ensureReachable(redis: Redis, url: string, timeoutMs = 5000): Promise<void> {
  const unreachable = () =>
    new ConfigError(
      `cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')} — start redis-server (or docker compose up redis) or set REDIS_URL`,
    );
  let timer: NodeJS.Timeout | undefined;
  let onError: ((err: NodeJS.ErrnoException) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable()), timeoutMs);
    onError = (err) => {
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND') reject(unreachable());
    };
    redis.on('error', onError);
  });
  try {
    await Promise.race([redis.ping(), failed]);
  } finally {
    clearTimeout(timer);
    if (onError) redis.off('error', onError);
  }
}

/** Deletes every key under a prefix (cases, queues, counters): a demo run or a test leaves its Redis as it found it. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
