import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { CaseService } from '../cases/service.js';
import type { Config } from '../config/env.js';
import type { Logger } from '../log/logger.js';
import type { ProposalStore } from '../proposals/store.js';
import type { LoadedVillage } from '../villages/load.js';
import type { Village } from '../villages/schema.js';
import { addressKey } from './address-key.js';
import type { DemoChat } from './demo.js';
import { errorHandler, HttpError } from './errors.js';
import { authPlugin } from './plugins/auth.js';
import { casesPlugin } from './plugins/cases.js';
import { consultPlugin } from './plugins/consult.js';
import { demoChatPlugin } from './plugins/demo-chat.js';
import { docsPlugin } from './plugins/docs.js';
import { healthPlugin } from './plugins/health.js';
import { htmlPagePlugin } from './plugins/html-page.js';
import { mediationPlugin } from './plugins/mediation.js';
import { metricsPlugin } from './plugins/metrics.js';
import { pagesPlugin } from './plugins/pages.js';
import { proposalsPlugin } from './plugins/proposals.js';
import { queuesPlugin } from './plugins/queues.js';
import { staticPlugin } from './plugins/static.js';
import { statsPlugin } from './plugins/stats.js';
import { wechatPlugin } from './plugins/wechat.js';
import { SessionStore } from './sessions.js';
import { UserStore } from './users.js';

export interface AdminOptions {
  config: Config;
  redis: Redis;
  /** The case actions; `cases.store` reads cases. */
  cases: CaseService;
  /** Villages with their parsed 村规民约. */
  villages: readonly LoadedVillage[];
  /** BullMQ queues shown on /admin/queues and measured by /metrics. */
  queues: readonly Queue[];
  logger: Logger;
  /** The demo's simulated village chat (only `cunbot demo` passes one). */
  demoChat?: DemoChat;
  /** Cookies marked `secure` (HTTPS only); off for plain-http localhost in the demo and tests. */
  secureCookies?: boolean;
  /** Login attempts allowed per client per minute. */
  loginRateLimit?: number;
  bodyLimit?: number;
  /** A request still unanswered after this long gets a 503 (Redis away), not an endless spinner. */
  handlerTimeout?: number;
}

/** What every plugin receives: the options with defaults filled and the stores built. */
export interface AdminDeps extends Required<Omit<AdminOptions, 'demoChat' | 'villages'>> {
  villages: Village[];
  loaded: readonly LoadedVillage[];
  demoChat: DemoChat | undefined;
  users: UserStore;
  sessions: SessionStore;
  proposals: ProposalStore;
}

/** The admin service as a Fastify instance (not listening: tests call `inject`, the CLI calls `listen`). */
export async function buildAdminApp(options: AdminOptions): Promise<FastifyInstance> {
  const { config, redis, logger } = options;
  const sessions = new SessionStore(redis, config.KEY_PREFIX, {
    idleSeconds: config.SESSION_IDLE_MINUTES * 60,
    maxSeconds: config.SESSION_MAX_HOURS * 3600,
  });
  const deps: AdminDeps = {
    ...options,
    villages: options.villages.map((v) => v.village),
    loaded: options.villages,
    demoChat: options.demoChat,
    secureCookies: options.secureCookies ?? true,
    loginRateLimit: options.loginRateLimit ?? 10,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    handlerTimeout: options.handlerTimeout ?? 15_000,
    users: new UserStore(redis, config.KEY_PREFIX, sessions),
    sessions,
    proposals: options.cases.proposals,
  };
  const secret = config.SESSION_SECRET ?? randomBytes(32).toString('hex');
  if (!config.SESSION_SECRET) {
    logger.warn('SESSION_SECRET is not set: using a random one, so sessions end when this process stops');
  }

  const app = Fastify({
    loggerInstance: logger.child({ part: 'admin' }) as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    handlerTimeout: deps.handlerTimeout,
    // One line per request at 2 cores and 1,000 req/s costs more than it tells; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Ids in routes are ours; anything longer is an attack or a mistake.
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  await app.register(helmet, {
    // Pages load only their own scripts; inline <style> and SVG are ours.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: deps.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: deps.secureCookies,
  });
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: deps.bodyLimit });
  await app.register(staticPlugin);
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: `${config.KEY_PREFIX}:ratelimit:`,
    keyGenerator: (request) => addressKey(request.ip),
    // A login page in Chinese rather than the plugin's English text.
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `Too Many Requests: retry in ${context.after}`, '尝试次数太多，请一分钟后再试。'),
  });

  await app.register(docsPlugin);
  await app.register(authPlugin, deps);
  await app.register(htmlPagePlugin);
  await app.register(healthPlugin, deps);
  await app.register(metricsPlugin, deps);
  await app.register(casesPlugin, deps);
  await app.register(mediationPlugin, deps);
  await app.register(statsPlugin, deps);
  await app.register(queuesPlugin, deps);
  await app.register(pagesPlugin, deps);
  await app.register(proposalsPlugin, deps);
  await app.register(consultPlugin, deps);
  await app.register(wechatPlugin, deps);
  if (deps.demoChat) await app.register(demoChatPlugin, deps);
  return app;
}
