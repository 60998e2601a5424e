import type { Redis } from 'ioredis';

/** What Redis says about keeping data through a restart and under memory pressure. */
export interface Persistence {
  appendonly: string;
  save: string;
  maxmemoryPolicy: string;
  /** Empty when cases, numbers and queues survive a restart and are never evicted. */
  problems: string[];
}

/**
 * Judges Redis's settings: without AOF or RDB snapshots a restart loses every case and hands case numbers out
 * again; an eviction policy other than noeviction drops keys (BullMQ's among them) when memory runs short.
 */
export function judgePersistence(settings: Omit<Persistence, 'problems'>): Persistence {
  const problems: string[] = [];
  if (settings.appendonly !== 'yes' && settings.save.trim() === '') {
    problems.push('Redis keeps nothing on disk (appendonly no, save ""): a restart loses every case');
  }
  if (settings.maxmemoryPolicy !== 'noeviction') {
    problems.push(`Redis evicts keys when memory is full (maxmemory-policy ${settings.maxmemoryPolicy})`);
  }
  return { ...settings, problems };
}

const configValue = async (redis: Redis, name: string): Promise<string> => {
  const reply = (await redis.call('CONFIG', 'GET', name)) as string[];
  return reply[1] ?? '';
};

/** Reads the settings with CONFIG GET (a managed Redis that refuses CONFIG reads as unknown, and says so). */
export async function readPersistence(redis: Redis): Promise<Persistence> {
  try {
    const [appendonly, save, maxmemoryPolicy] = await Promise.all(
      ['appendonly', 'save', 'maxmemory-policy'].map((n) => configValue(redis, n)),
    );
    return judgePersistence({ appendonly: appendonly ?? '', save: save ?? '', maxmemoryPolicy: maxmemoryPolicy ?? '' });
  } catch (err) {
    return {
      appendonly: 'unknown',
      save: 'unknown',
      maxmemoryPolicy: 'unknown',
      problems: [`Redis would not tell its persistence settings (${(err as Error).message})`],
    };
  }
}

/** The fix an operator reads when start refuses. */
export const PERSISTENCE_FIX =
  'run Redis with `--appendonly yes --maxmemory-policy noeviction` (docker-compose.yml does), ' +
  'or pass --allow-volatile-redis / set ALLOW_VOLATILE_REDIS=1 for a test or demo where losing cases is fine';
