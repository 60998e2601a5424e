import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { buildAdminApp } from '../../src/admin/app.js';
import { UserStore } from '../../src/admin/users.js';
import type { Actor } from '../../src/cases/access.js';
import { civicServices } from '../../src/cases/civic-services.js';
import type { Case } from '../../src/cases/schema.js';
import { CaseService } from '../../src/cases/service.js';
import { CaseStore } from '../../src/cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { deletePrefix } from '../../src/queue/connection.js';
import { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
import { type LoadedVillage, loadVillages } from '../../src/villages/load.js';

const VILLAGES_DIR = new URL('../../villages/', import.meta.url).pathname;

/** A second village (another township) made from the demo one, to prove users never see other villages' cases. */
function withOtherVillage(villages: LoadedVillage[]): LoadedVillage[] {
  const xihe = villages[0]!;
  const other = structuredClone(xihe);
  other.village = { ...other.village, id: 'nanshan', name: '南山村', township: '石桥镇', rooms: ['南山村村民群'] };
  return [xihe, other];
}

export interface Harness {
  app: FastifyInstance;
  redis: Redis;
  store: CaseStore;
  service: CaseService;
  outbox: Outbox;
  users: UserStore;
  prefix: string;
  close(): Promise<void>;
}

/** The admin app on the real Redis under a unique key prefix, with the demo village and a second one (TIMEZONE as given). */
export async function harness(
  options: { loginRateLimit?: number; bodyLimit?: number; timeZone?: string; env?: Record<string, string> } = {},
): Promise<Harness> {
  const { timeZone = 'Asia/Shanghai', env, ...limits } = options;
  const prefix = `test-admin-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    KEY_PREFIX: prefix,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    TIMEZONE: timeZone,
    ...env,
  });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const villages = withOtherVillage(loadVillages(VILLAGES_DIR));
  const store = new CaseStore(redis, prefix);
  const outbox = new Outbox(redis, prefix);
  const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
  const proposals = new ProposalStore(redis, prefix);
  const civic = civicServices({ redis, prefix, store, proposals, outbox, villages, templates, botName: '村小助' });
  const timers = new TimerStore(redis, prefix);
  const service = new CaseService({ store, outbox, villages, templates, proposals, consult: civic.consult, timers });
  const app = await buildAdminApp({
    config,
    redis,
    cases: service,
    villages,
    queues: [outbox.queue],
    logger: createLogger('silent'),
    secureCookies: false,
    ...limits,
  });
  await app.ready();
  return {
    app,
    redis,
    store,
    service,
    outbox,
    users: new UserStore(redis, prefix),
    prefix,
    async close() {
      await app.close();
      await outbox.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}

/** A committee member of both villages acting through the service directly (set-up steps of a test). */
export const COMMITTEE: Actor = { id: 'user:he', name: '贺长青', role: 'committee', villages: ['xihe', 'nanshan'] };

let seq = 0;

/** A case as a worker would store it: a resident's message in a village group. */
export async function seedCase(
  h: Harness,
  input: Partial<{
    village: string;
    text: string;
    resident: string;
    urgent: boolean;
    intent: Case['intent'];
    receivedAt: Date;
    dueAt: Date;
  }> = {},
): Promise<Case> {
  const village = input.village ?? 'xihe';
  const at = input.receivedAt ?? new Date();
  const sourceKey = `msg-${++seq}-${randomBytes(3).toString('hex')}`;
  const prefix = village === 'xihe' ? 'XH' : 'NS';
  const resident = input.resident ?? '王大爷';
  const result = await h.store.createOrMerge({
    sourceKey,
    messageId: sourceKey,
    village,
    prefix,
    room: village === 'xihe' ? '西河村村民群' : '南山村村民群',
    channel: 'group',
    resident: { key: `${village}|${resident}`, name: resident },
    intent: input.intent ?? 'legal_question',
    confidence: 0.9,
    topics: ['宅基地'],
    urgent: input.urgent ?? false,
    text: input.text ?? '我家宅基地被邻居占了一米，怎么办？',
    receivedAt: at.toISOString(),
    context: [{ at: at.toISOString(), from: '李婶', text: '大家早上好' }],
    owner: { name: '郑国栋', role: '法律顾问', phone: '13900001202', kind: 'advisor' },
    slaKind: 'general',
    dueAt: (input.dueAt ?? new Date(at.getTime() + 7 * 86_400_000)).toISOString(),
  });
  return result.case;
}

/** Logs in through the JSON API and returns what later requests need. */
export async function login(h: Harness, username: string, password: string) {
  // Each login from its own address, so the login rate limit (proven on its own) stays out of the way.
  const remoteAddress = `10.0.${++seq % 250}.${Math.floor(Math.random() * 250)}`;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { token: string; csrfToken: string };
  return { token: body.token, csrfToken: body.csrfToken, cookies: cookieHeader(res) };
}

/** The Cookie header a browser would send back after this response. */
export function cookieHeader(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((c) => c.split(/=(.*)/s) as [string, string]),
  );
  for (const c of res.cookies) jar.set(c.name, c.value);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The advisor the seeded cases belong to (郑国栋), as user `lin`. */
export async function addCaseAdvisor(h: Harness): Promise<void> {
  await h.users.add({
    username: 'lin',
    password: 'correct-horse',
    role: 'advisor',
    villages: ['xihe'],
    displayName: '郑国栋',
  });
}

/** A form body as a browser posts it (a repeated key for an array). */
export const form = (data: Record<string, string | string[]>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) for (const one of [v].flat()) p.append(k, one);
  return p.toString();
};
export const html = { accept: 'text/html' };
export const formHeaders = (cookie: string) => ({
  ...html,
  cookie,
  'content-type': 'application/x-www-form-urlencoded',
});
/** The CSRF token in a page's first hidden `_csrf` field. */
export const tokenIn = (body: string): string => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** Logs in through the login form like a browser: the cookie jar, or '' when the login was refused. */
export async function formLogin(h: Harness, username: string, password = 'correct-horse'): Promise<string> {
  const page = await h.app.inject({ method: 'GET', url: '/login', headers: html });
  const jar = cookieHeader(page);
  const res = await h.app.inject({
    method: 'POST',
    url: '/login',
    headers: formHeaders(jar),
    payload: form({ _csrf: tokenIn(page.body), username, password, next: '/inbox' }),
  });
  return res.statusCode === 303 ? cookieHeader(res, jar) : '';
}
