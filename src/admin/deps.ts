import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CaseService } from '../cases/service.js';
import type { Config } from '../config/env.js';
import type { Logger } from '../log/logger.js';
import type { ProposalStore } from '../proposals/store.js';
import type { LoadedVillage } from '../villages/load.js';
import type { Village } from '../villages/schema.js';
import type { DemoChat } from './demo.js';
import type { SessionStore } from './sessions.js';
import type { UserStore } from './users.js';

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

/** What every plugin and route receives: the options with defaults filled and the stores built. */
export interface AdminDeps extends Required<Omit<AdminOptions, 'demoChat' | 'villages'>> {
  villages: Village[];
  loaded: readonly LoadedVillage[];
  demoChat: DemoChat | undefined;
  users: UserStore;
  sessions: SessionStore;
  proposals: ProposalStore;
  /** Signs cookies; every process of a deployment shares it (SESSION_SECRET). */
  cookieSecret: string;
}
