import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { Redis } from 'ioredis';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminApp } from '../../src/admin/app.js';
import { CaseService } from '../../src/cases/service.js';
import { CaseStore } from '../../src/cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { writeLoginState } from '../../src/queue/login.js';
import { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { addCaseAdvisor, type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'root', password: 'correct-horse', role: 'admin' });
  // The advisor the seeded cases belong to.
  await addCaseAdvisor(h);
});
afterAll(() => h.close());

describe('GET /healthz', () => {
  it('is up when Redis answers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, redis: 'up' });
  });
});

describe('GET /metrics', () => {
  it('counts cases by status and jobs by queue, in Prometheus text', async () => {
    const c = await seedCase(h);
    const { token } = await login(h, 'lin', 'correct-horse');
    await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: '已收到' },
    });
    const root = await login(h, 'root', 'correct-horse');
    const res = await h.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: root.cookies } });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('cunbot_cases{status="answered"} 1');
    expect(res.body).toMatch(/cunbot_queue_jobs\{queue="outbound",state="(waiting|prioritized)"\} 1/);
    expect(res.body).toContain('cunbot_first_response_seconds_count 1');
    expect(res.body).toContain(
      'cunbot_admin_request_seconds_count{method="POST",route="/api/cases/:id/replies",status="200"} 1',
    );
  });
});

describe('OpenAPI', () => {
  it('documents the case routes with their schemas at /docs/json', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/cases/{id}/replies'].post.requestBody.content['application/json'].schema.required).toContain(
      'text',
    );
    expect(doc.paths['/login']).toBeUndefined();
  });

  it('serves the documentation page at /docs', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('/admin/queues', () => {
  it('is for the admin role only', async () => {
    const lin = await login(h, 'lin', 'correct-horse');
    const root = await login(h, 'root', 'correct-horse');
    const asAdvisor = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: lin.cookies } });
    expect(asAdvisor.statusCode).toBe(403);
    const asAdmin = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: root.cookies } });
    expect(asAdmin.statusCode).toBe(200);
    const api = await h.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { cookie: root.cookies },
    });
    expect(api.json().queues.map((q: { name: string }) => q.name)).toContain('outbound');
  });
});

describe('security headers', () => {
  it('pages carry helmet headers and a strict script policy', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/login' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

/** The dark modules of the SVG QR code on a page, read back from its path (`M x y`, `h n`, `m dx dy`). */
function modulesIn(page: string): { size: number; quietZone: number; dark: boolean[] } {
  const svg = /<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*>.*?<path stroke="#000000" d="([^"]+)"/s.exec(page);
  if (!svg) throw new Error('no QR code on the page');
  const cells = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of svg[2]!.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b)];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else for (let i = 0; i < Number(a); i++) cells.add(`${x++},${Math.floor(y)}`);
  }
  const xs = [...cells].map((c) => Number(c.split(',')[0]));
  const quietZone = Math.min(...xs);
  const size = Number(svg[1]) - 2 * quietZone;
  const dark = Array.from({ length: size * size }, (_, i) =>
    cells.has(`${(i % size) + quietZone},${Math.floor(i / size) + quietZone}`),
  );
  return { size, quietZone, dark };
}

describe('/wechat', () => {
  it("shows the admin the QR code to scan while the bot's WeChat is logged out", async () => {
    await writeLoginState(h.redis, h.prefix, { state: 'scan', qrcode: 'https://login.weixin.qq.com/l/abc123' });
    const root = await login(h, 'root', 'correct-horse');
    const res = await h.app.inject({ method: 'GET', url: '/wechat', headers: { cookie: root.cookies } });
    expect(res.body).toContain('请用村小助的微信扫描');
    const drawn = modulesIn(res.body);
    const code = QRCode.create('https://login.weixin.qq.com/l/abc123', { errorCorrectionLevel: 'M' });
    expect(drawn.quietZone).toBeGreaterThanOrEqual(4);
    expect(drawn.size).toBe(code.modules.size);
    expect(drawn.dark).toEqual([...code.modules.data].map(Boolean));
  });

  it('is for the admin role only', async () => {
    const lin = await login(h, 'lin', 'correct-horse');
    const res = await h.app.inject({ method: 'GET', url: '/wechat', headers: { cookie: lin.cookies } });
    expect(res.statusCode).toBe(403);
  });
});

describe('when Redis stops answering', () => {
  it('requests end with a 503 and a Chinese message instead of hanging', async () => {
    // A server that accepts connections and never answers: Redis hung, or a network gone silent.
    const silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const url = `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const redis = new Redis(url, { maxRetriesPerRequest: null });
    const villages = loadVillages(new URL('../../villages/', import.meta.url).pathname);
    const store = new CaseStore(redis, 'silent');
    const outbox = new Outbox(redis, 'silent');
    const app = await buildAdminApp({
      config: loadConfig({ ...process.env, REDIS_URL: url, KEY_PREFIX: 'silent' }),
      redis,
      cases: new CaseService({
        store,
        outbox,
        villages,
        templates: Templates.load(DEFAULT_TEMPLATES_DIR),
        proposals: new ProposalStore(redis, 'silent'),
        timers: new TimerStore(redis, 'silent'),
      }),
      villages,
      queues: [],
      logger: createLogger('silent'),
      handlerTimeout: 300,
    });
    const res = await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: 'Bearer x' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe('数据库暂时连不上，请稍后再试。');
    redis.disconnect();
    silent.close();
    await app.close();
  });
});
