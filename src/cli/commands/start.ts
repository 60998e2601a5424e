import { parseArgs } from 'node:util';
import { wechat4uPuppet } from '../../bot/wechaty.js';
import { type Config, loadConfig } from '../../config/env.js';
import { UserFacingError } from '../../config/errors.js';
import { createLogger } from '../../log/logger.js';
import { createRedis, ensureReachable } from '../../queue/connection.js';
import { PERSISTENCE_FIX, readPersistence } from '../../queue/persistence.js';
import { UsageError } from '../errors.js';
import { runUntilStopped } from '../shutdown.js';
import { startMockSpine, startSpine } from '../spine.js';
import { villagesFrom } from '../villages.js';
import { startAdminService } from './admin.js';

const log = createLogger().child({ part: 'start' });

/**
 * Refuses a Redis that can lose cases (after a restart numbers would be handed out again), unless allowed for a
 * test or demo; then it is logged, and /healthz says it too.
 */
async function checkPersistence(config: Config, allowed: boolean): Promise<void> {
  const redis = createRedis(config.REDIS_URL, 'cunbot-start-check');
  try {
    await ensureReachable(redis, config.REDIS_URL);
    const { problems } = await readPersistence(redis);
    if (problems.length === 0) return;
    if (!(allowed || config.ALLOW_VOLATILE_REDIS)) {
      throw new UserFacingError(
        `refusing to start: ${problems.join('; ')}. Fix: ${PERSISTENCE_FIX}`,
        'Redis 没有持久化或会淘汰数据，重启后案件会丢失、编号会重复，所以没有启动。',
      );
    }
    log.warn({ problems }, 'Redis may lose cases; running anyway (--allow-volatile-redis)');
  } finally {
    redis.disconnect();
  }
}

/**
 * `cunbot start [--villages DIR]`: production. WeChat through wechat4u (scan the QR code printed here or shown on
 * the admin page), the intake and SLA workers and the outbound sender, until SIGINT/SIGTERM.
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { villages: { type: 'string' }, 'allow-volatile-redis': { type: 'boolean' } },
    strict: true,
  });
  const config = loadConfig();
  // Without it every restart logs everyone out, and processes behind one address reject each other's cookies.
  if (!config.SESSION_SECRET) {
    throw new UsageError(
      'SESSION_SECRET is not set: cunbot start needs it to sign the workbench sessions. Make one with ' +
        '`echo "SESSION_SECRET=$(openssl rand -hex 32)" >> .env` (docker compose reads .env) or export it.',
    );
  }
  const villages = villagesFrom(values.villages ?? config.VILLAGES_DIR);
  await checkPersistence(config, values['allow-volatile-redis'] === true);
  const spine =
    config.PUPPET === 'mock'
      ? (await startMockSpine({ config, villages })).spine
      : await startSpine({ config, villages, puppet: await wechat4uPuppet(), printQr: true });
  // A taken port must not leave the bot and workers running headless in a process that never exits.
  const admin = await startAdminService({
    config,
    redis: spine.redis,
    cases: spine.service,
    outbox: spine.outbox,
    villages,
  }).catch(async (err: unknown) => {
    await spine.close();
    throw err;
  });
  log.info(
    { villages: villages.map((v) => v.village.id), puppet: config.PUPPET, admin: admin.url },
    'cunbot started; scan the QR code to log in if asked',
  );
  return runUntilStopped(log, async () => {
    log.info('stopping: finishing the message in hand; queued work stays in Redis');
    await admin.close();
    await spine.close();
  });
}
