import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AdminDeps, AdminOptions } from './deps.js';
import { inDependencyOrder } from './load-order.js';
import authPlugin from './plugins/app/auth.js';
import casesPlugin from './plugins/app/cases.js';
import errorHandler from './plugins/app/error-handler.js';
import eventsPlugin from './plugins/app/events.js';
import htmlPagePlugin from './plugins/app/html-page.js';
import metricsPlugin from './plugins/app/metrics.js';
import statsPlugin from './plugins/app/stats.js';
import cookie from './plugins/external/cookie.js';
import formbody from './plugins/external/formbody.js';
import helmet from './plugins/external/helmet.js';
import rateLimit from './plugins/external/rate-limit.js';
import staticFiles from './plugins/external/static.js';
import swagger from './plugins/external/swagger.js';
import authRoutes from './routes/auth.js';
import casePageRoutes from './routes/case-pages.js';
import caseRoutes from './routes/cases.js';
import consultRoutes from './routes/consult.js';
import demoChatRoutes from './routes/demo-chat.js';
import eventRoutes from './routes/events.js';
import healthRoutes from './routes/health.js';
import inboxRoutes from './routes/inbox.js';
import loginRoutes from './routes/login.js';
import mediationRoutes from './routes/mediation.js';
import metricsRoutes from './routes/metrics.js';
import proposalRoutes from './routes/proposals.js';
import queueRoutes from './routes/queues.js';
import statsRoutes from './routes/stats.js';
import userRoutes from './routes/users.js';
import wechatRoutes from './routes/wechat.js';
import { SessionStore } from './sessions.js';
import { UserStore } from './users.js';

export type { AdminOptions } from './deps.js';

// fastify/demo's three folders: outside libraries, then the app's own decorators (ordered by the dependencies each
// declares), then routes, which only wire HTTP to the case service. A new file is one line here.
const EXTERNAL = [cookie, formbody, helmet, rateLimit, staticFiles, swagger];
const APP = [errorHandler, authPlugin, htmlPagePlugin, metricsPlugin, casesPlugin, statsPlugin, eventsPlugin];
const ROUTES = [
  healthRoutes,
  metricsRoutes,
  authRoutes,
  loginRoutes,
  inboxRoutes,
  casePageRoutes,
  caseRoutes,
  mediationRoutes,
  eventRoutes,
  statsRoutes,
  queueRoutes,
  proposalRoutes,
  consultRoutes,
  wechatRoutes,
  userRoutes,
  demoChatRoutes,
];

/** The options with defaults filled and the stores built: what every plugin and route receives. */
function depsOf(options: AdminOptions): AdminDeps {
  const { config, redis, logger } = options;
  const sessions = new SessionStore(redis, config.KEY_PREFIX, {
    idleSeconds: config.SESSION_IDLE_MINUTES * 60,
    maxSeconds: config.SESSION_MAX_HOURS * 3600,
  });
  if (!config.SESSION_SECRET) {
    logger.warn('SESSION_SECRET is not set: using a random one, so sessions end when this process stops');
  }
  return {
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
    cookieSecret: config.SESSION_SECRET ?? randomBytes(32).toString('hex'),
  };
}

/** The admin service as a Fastify instance (not listening: tests call `inject`, the CLI calls `listen`). */
export async function buildAdminApp(options: AdminOptions): Promise<FastifyInstance> {
  const deps = depsOf(options);
  const app = Fastify({
    loggerInstance: deps.logger.child({ part: 'admin' }) as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit,
    handlerTimeout: deps.handlerTimeout,
    // One line per request at 2 cores and 1,000 req/s costs more than it tells; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Ids in routes are ours; anything longer is an attack or a mistake.
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  for (const plugin of inDependencyOrder([...EXTERNAL, ...APP, ...ROUTES])) await app.register(plugin, deps);
  // Cases stored before the open, owner and search indexes join them, in the background: a Redis that is away
  // must not keep the service from starting.
  deps.cases.store
    .reindexOnce()
    .then((n) => n > 0 && app.log.info({ cases: n }, 'cases re-indexed for search and the open inbox'))
    .catch((err) => app.log.warn({ err }, 're-indexing the cases failed; it is tried again at the next start'));
  return app;
}
