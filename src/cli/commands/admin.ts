import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildAdminApp } from '../../admin/app.js';
import type { DemoChat } from '../../admin/demo.js';
import { civicServices } from '../../cases/civic-services.js';
import { withRouting } from '../../cases/routing.js';
import { CaseService } from '../../cases/service.js';
import { CaseStore } from '../../cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../cases/templates.js';
import { systemClock } from '../../config/clock.js';
import { type Config, ConfigError, loadConfig } from '../../config/env.js';
import { quietHoursOf } from '../../config/quiet.js';
import { createLogger, type Logger } from '../../log/logger.js';
import { ProposalStore } from '../../proposals/store.js';
import { createRedis } from '../../queue/connection.js';
import { createIntakeQueue } from '../../queue/intake.js';
import { Outbox } from '../../queue/outbound.js';
import { createSlaQueue } from '../../queue/sla.js';
import { TimerStore } from '../../queue/timers.js';
import type { LoadedVillage } from '../../villages/load.js';
import { startWorkers } from '../../workers/index.js';
import { UsageError } from '../errors.js';
import { runUntilStopped } from '../shutdown.js';
import { villagesFrom } from '../villages.js';

export interface AdminService {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Builds the admin service over a running case service and listens. `admin`, `start` and `demo` all use this.
 * Cookies are marked Secure except on a loopback address, where the browser talks plain http (put a TLS proxy in
 * front when listening anywhere else).
 */
export async function startAdminService(opts: {
  config: Config;
  redis: Redis;
  cases: CaseService;
  outbox: Outbox;
  villages: readonly LoadedVillage[];
  logger?: Logger;
  demoChat?: DemoChat;
  host?: string;
  port?: number;
}): Promise<AdminService> {
  const { config, redis } = opts;
  const host = opts.host ?? config.ADMIN_HOST;
  const queues: Queue[] = [
    createIntakeQueue(redis, config.KEY_PREFIX),
    opts.outbox.queue,
    createSlaQueue(redis, config.KEY_PREFIX),
  ];
  const app = await buildAdminApp({
    config,
    redis,
    cases: opts.cases,
    villages: opts.villages,
    queues,
    logger: opts.logger ?? createLogger(config.LOG_LEVEL),
    secureCookies: !LOOPBACK.has(host),
    ...(opts.demoChat ? { demoChat: opts.demoChat } : {}),
  });
  const wanted = opts.port ?? config.ADMIN_PORT;
  try {
    await app.listen({ host, port: wanted });
  } catch (err) {
    await app.close();
    await Promise.all([queues[0]?.close(), queues[2]?.close()]);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new ConfigError(
        `${host}:${wanted} is already in use — stop the other program or set ADMIN_PORT (or --port) to a free port`,
      );
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    app,
    url: `http://${shown}:${port}`,
    async close() {
      await app.close();
      // The outbox belongs to the caller; the two queues opened here are closed here.
      await Promise.all([queues[0]?.close(), queues[2]?.close()]);
    },
  };
}

/** `cunbot admin --villages DIR --port N`: the admin service and the workers, without WeChat. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { villages: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig();
  const port = values.port === undefined ? config.ADMIN_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number 0–65535');
  const villages = villagesFrom(values.villages ?? config.VILLAGES_DIR);
  const log = createLogger(config.LOG_LEVEL);
  const redis = createRedis(config.REDIS_URL, 'cunbot-admin');
  const store = new CaseStore(redis, config.KEY_PREFIX, systemClock(config.TIMEZONE));
  const outbox = new Outbox(redis, config.KEY_PREFIX);
  const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
  const proposals = new ProposalStore(redis, config.KEY_PREFIX);
  const civic = civicServices({
    redis,
    prefix: config.KEY_PREFIX,
    store,
    proposals,
    outbox,
    villages,
    templates,
    botName: config.BOT_NAME,
  });
  const timers = new TimerStore(redis, config.KEY_PREFIX);
  const cases = new CaseService({ store, outbox, villages, templates, proposals, consult: civic.consult, timers });
  const workers = startWorkers({
    connection: redis,
    prefix: config.KEY_PREFIX,
    store,
    villages: withRouting(villages),
    templates,
    quiet: quietHoursOf(config),
    botName: config.BOT_NAME,
  });
  const stopWorkers = async () => {
    await workers.close();
    await outbox.close();
    redis.disconnect();
  };
  const admin = await startAdminService({
    config,
    redis,
    cases,
    outbox,
    villages,
    logger: log,
    port,
    ...(values.host ? { host: values.host } : {}),
  }).catch(async (err: unknown) => {
    await stopWorkers();
    throw err;
  });
  process.stdout.write(`cunbot admin service at ${admin.url}/ (users: cunbot users add …)\n`);
  return runUntilStopped(log, async () => {
    await admin.close();
    await stopWorkers();
  });
}
