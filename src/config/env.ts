import { z } from 'zod';

const QUIET_HOURS = /^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/;

/** Everything cunbot reads from the environment, parsed once at start-up. */
export const EnvSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a Redis address such as redis://127.0.0.1:6379')
    .default('redis://127.0.0.1:6379'),
  /** Namespaces every Redis key and queue, so several deployments (or test runs) share one Redis. */
  KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, "_" or "-" (no ":")')
    .default('cunbot'),
  VILLAGES_DIR: z.string().min(1, 'a folder holding one sub-folder per village').default('villages'),
  DATA_DIR: z.string().min(1, 'a writable folder for login sessions and exports').default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUPPET: z.enum(['wechat4u', 'mock']).default('wechat4u'),
  BOT_NAME: z.string().min(1).default('村小助'),
  ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  ADMIN_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Secret for signing session cookies; required in production (start), generated for demo and tests. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
  /** A session unused this long ends (each accepted request starts the count again). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120),
  /** A session ends this long after login however busy it is, so a stolen cookie does not live for ever. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /**
   * Lets a Prometheus scraper read /metrics with `Authorization: Bearer <token>`; without it only admins may.
   * Empty counts as unset (docker compose passes `${METRICS_TOKEN:-}` through).
   */
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'at least 32 characters of random text').optional(),
  ),
  /** WeChat bans fast senders: one outbound message per interval, plus random jitter. */
  OUTBOUND_INTERVAL_MS: z.coerce.number().int().min(0).default(1500),
  OUTBOUND_JITTER_MS: z.coerce.number().int().min(0).default(500),
  /** Hours (local time, 24 h clock, "start-end") when the bot stays silent in groups unless urgent. */
  QUIET_HOURS: z.string().regex(QUIET_HOURS, 'two hours such as 22-7').default('22-7'),
  TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  /** Lets `start` run on a Redis that may lose cases (no AOF/RDB, or evicting keys): tests and demos only. */
  ALLOW_VOLATILE_REDIS: z
    .enum(['', '0', '1', 'false', 'true'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** After a help or hint reply, the same resident waits this long for the next one (seconds; 0 = never). */
  RESIDENT_COOLDOWN_S: z.coerce.number().int().min(0).max(86_400).default(60),
  /** After a help or hint reply in a group, the group waits this long for the next one (seconds; 0 = never). */
  ROOM_COOLDOWN_S: z.coerce.number().int().min(0).max(86_400).default(5),
});

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a wrong value throws a ConfigError naming the variable and what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration in the environment:\n${lines.join('\n')}`);
}

/** Quiet hours as numbers, e.g. "22-7" → { start: 22, end: 7 }. */
export function quietHours(config: Pick<Config, 'QUIET_HOURS'>): { start: number; end: number } {
  const [start, end] = config.QUIET_HOURS.split('-').map(Number) as [number, number];
  return { start, end };
}
