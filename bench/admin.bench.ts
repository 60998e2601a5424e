// Admin service under load: the inbox list and a case page, JSON and HTML, with 10,000 cases stored, 10 clients
// keeping one request each in flight (a busy township office). Target: ≥ 1,000 req/s with p99 ≤ 50 ms on the
// 2-core machine.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { buildAdminApp } from '../src/admin/app.js';
import { UserStore } from '../src/admin/users.js';
import { CaseService } from '../src/cases/service.js';
import { CaseStore } from '../src/cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../src/cases/templates.js';
import { loadConfig } from '../src/config/env.js';
import { createLogger } from '../src/log/logger.js';
import { ProposalStore } from '../src/proposals/store.js';
import { deletePrefix } from '../src/queue/connection.js';
import { Outbox } from '../src/queue/outbound.js';
import { TimerStore } from '../src/queue/timers.js';
import { loadVillages } from '../src/villages/load.js';

const CASES = 10_000;
const CLIENTS = 10;
const INTENTS = ['legal_question', 'dispute_report', 'service_request', 'proposal'] as const;

async function seed(store: CaseStore): Promise<string> {
  const now = Date.now();
  let last = '';
  for (let start = 0; start < CASES; start += 200) {
    const batch = Array.from({ length: Math.min(200, CASES - start) }, (_, j) => {
      const i = start + j;
      const at = new Date(now - i * 60_000);
      return store.createOrMerge({
        sourceKey: `bench-${i}`,
        messageId: `bench-${i}`,
        village: 'xihe',
        prefix: 'XH',
        room: '西河村村民群',
        channel: 'group',
        resident: { key: `xihe|村民${i % 500}`, name: `村民${i % 500}` },
        intent: INTENTS[i % INTENTS.length]!,
        confidence: 0.8,
        topics: ['宅基地'],
        urgent: i % 97 === 0,
        text: `第${i}个问题：我家宅基地和邻居的地界有争议，去年建房时他多占了半米，现在该怎么办？`,
        receivedAt: at.toISOString(),
        context: [{ at: at.toISOString(), from: '李婶', text: '大家早上好' }],
        owner: { name: '郑国栋', role: '法律顾问', phone: '13900001202', kind: 'advisor' },
        slaKind: 'general',
        dueAt: new Date(at.getTime() + 7 * 86_400_000).toISOString(),
      });
    });
    const results = await Promise.all(batch);
    last = results.at(-1)!.case.id;
  }
  return last;
}

// The load generator runs in a worker thread so it does not share the server's event loop; a short first run warms
// the JIT and the connection pool and is not counted.
async function fire(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  await autocannon({ url, headers, connections: CLIENTS, duration: 2, workers: 1 });
  return autocannon({ url, headers, connections: CLIENTS, duration: 8, pipelining: 1, workers: 1 });
}

export default async function bench(): Promise<void> {
  const prefix = `bench-admin-${randomBytes(3).toString('hex')}`;
  const config = loadConfig({ ...process.env, KEY_PREFIX: prefix, SESSION_SECRET: randomBytes(32).toString('hex') });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const villages = loadVillages(new URL('../villages/', import.meta.url).pathname);
  const store = new CaseStore(redis, prefix);
  const outbox = new Outbox(redis, prefix);
  const cases = new CaseService({
    store,
    outbox,
    villages,
    templates: Templates.load(DEFAULT_TEMPLATES_DIR),
    proposals: new ProposalStore(redis, prefix),
    timers: new TimerStore(redis, prefix),
  });
  const app = await buildAdminApp({
    config,
    redis,
    cases,
    villages,
    queues: [outbox.queue],
    logger: createLogger('warn'),
    secureCookies: false,
  });
  try {
    const started = performance.now();
    const caseId = await seed(store);
    console.log(`seeded ${CASES} cases in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await new UserStore(redis, prefix).add({
      username: 'bench',
      password: 'bench-password',
      role: 'advisor',
      villages: ['xihe'],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const cookie = {
      cookie: login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
      accept: 'text/html',
    };

    const rows: Array<Record<string, string | number>> = [];
    for (const [name, url, headers] of [
      ['inbox list, JSON (default page: 20 rows)', `${base}/api/cases`, auth],
      ['inbox list, JSON (50 rows)', `${base}/api/cases?limit=50`, auth],
      ['inbox page, HTML (20 rows)', `${base}/inbox`, cookie],
      ['search, JSON (q=地界 争议: all 10,000 match)', `${base}/api/cases?q=${encodeURIComponent('地界 争议')}`, auth],
      ['search, JSON (q=第9999个: one case)', `${base}/api/cases?q=${encodeURIComponent('第9999个')}`, auth],
      ['search, JSON (q=村民42: a resident)', `${base}/api/cases?q=${encodeURIComponent('村民42')}`, auth],
      ['case, JSON', `${base}/api/cases/${caseId}`, auth],
      ['case page, HTML', `${base}/cases/${caseId}`, cookie],
    ] as const) {
      const r = await fire(url, headers);
      rows.push({
        route: name,
        'req/s': Math.round(r.requests.average),
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        errors: r.errors + r.non2xx,
        target: r.requests.average >= 1000 && r.latency.p99 <= 50 ? 'met' : 'MISSED',
      });
    }
    console.table(rows);
  } finally {
    await app.close();
    await outbox.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
}
