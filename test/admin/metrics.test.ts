import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, login } from './helpers.js';

const METRICS_TOKEN = randomBytes(32).toString('hex');
let h: Harness;

beforeAll(async () => {
  h = await harness({ env: { METRICS_TOKEN } });
  await h.users.add({ username: 'root', password: 'correct-horse', role: 'admin' });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
});
afterAll(() => h.close());

const metrics = (headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url: '/metrics', headers });

describe('GET /metrics', () => {
  it('without credentials is a 401, so no village reads the case counts', async () => {
    const res = await metrics();
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('cunbot_cases');
  });

  it('a staff session that is not an admin is refused, and so is a wrong token', async () => {
    const lin = await login(h, 'lin', 'correct-horse');
    expect((await metrics({ cookie: lin.cookies })).statusCode).toBe(401);
    expect((await metrics({ authorization: `Bearer ${lin.token}` })).statusCode).toBe(401);
    expect((await metrics({ authorization: `Bearer ${randomBytes(32).toString('hex')}` })).statusCode).toBe(401);
  });

  it('answers the scraper with the METRICS_TOKEN, and an admin', async () => {
    const scraper = await metrics({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(scraper.statusCode).toBe(200);
    expect(scraper.body).toContain('cunbot_cases{status=');
    const root = await login(h, 'root', 'correct-horse');
    expect((await metrics({ cookie: root.cookies })).statusCode).toBe(200);
  });
});

describe('without METRICS_TOKEN', () => {
  it('only an admin may read /metrics', async () => {
    const bare = await harness();
    try {
      await bare.users.add({ username: 'root', password: 'correct-horse', role: 'admin' });
      const none = await bare.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer ' } });
      expect(none.statusCode).toBe(401);
      const root = await login(bare, 'root', 'correct-horse');
      const res = await bare.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: root.cookies } });
      expect(res.statusCode).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
