import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsWindow } from '../../src/admin/stats.js';
import { StatsRunner } from '../../src/admin/stats-runner.js';
import { type Harness, harness, login } from './helpers.js';

const NOW = Date.parse('2026-12-01T06:00:00Z');

describe('the stats range', () => {
  it('is refused when longer than two years, or backwards', () => {
    expect(() => statsWindow({ from: '0001-01-01' }, 'Asia/Shanghai', NOW)).toThrow(/longer than 731 days/);
    expect(() => statsWindow({ from: '2024-01-01', to: '2026-06-30' }, 'Asia/Shanghai', NOW)).toThrow(/longer than/);
    expect(() => statsWindow({ from: '2026-12-01', to: '2026-11-01' }, 'Asia/Shanghai', NOW)).toThrow(
      /from is after to/,
    );
  });

  it('allows two years (from local midnight), and a far `to` counts only up to today', () => {
    expect(statsWindow({ from: '2024-12-02', to: '2026-12-01' }, 'Asia/Shanghai', NOW).from.toISOString()).toBe(
      '2024-12-01T16:00:00.000Z',
    );
    expect(() => statsWindow({ from: '2025-01-01', to: '9999-12-31' }, 'Asia/Shanghai', NOW)).not.toThrow();
  });
});

let h: Harness;
let auth: { authorization: string };

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  auth = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
});
afterAll(() => h.close());

describe('GET /api/stats', () => {
  it('refuses from=0001-01-01 with a 400 and a Chinese message, instead of 100,000 weeks', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/stats?from=0001-01-01', headers: auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('统计时间段最长两年，请缩短开始日期和结束日期之间的时间。');
  });

  it('answers two years with one point a week', async () => {
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 729 * 86_400_000).toISOString().slice(0, 10);
    const res = await h.app.inject({ method: 'GET', url: `/api/stats?from=${from}&to=${to}`, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().weeks.length).toBeLessThanOrEqual(106);
  });
});

describe('statistics under load', () => {
  /** A computation the test finishes by hand, counting how many run at the same time. */
  function computations() {
    const finish: Array<() => void> = [];
    let running = 0;
    let most = 0;
    const start = () =>
      new Promise<number>((resolve) => {
        running++;
        most = Math.max(most, running);
        finish.push(() => {
          running--;
          resolve(finish.length);
        });
      });
    return { start, finish, most: () => most };
  }

  it('identical requests share one run; different ones run one after another; past the queue a 503', async () => {
    const runner = new StatsRunner<number>(1, 2);
    const c = computations();
    const same = [runner.run('a', c.start), runner.run('a', c.start)];
    const queued = [runner.run('b', c.start), runner.run('c', c.start)];
    expect(() => runner.run('d', c.start)).toThrow(/too many statistics requests/);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      c.finish[i]?.();
    }
    const [first, second] = await Promise.all(same);
    expect(first).toBe(second);
    await Promise.all(queued);
    expect(c.finish).toHaveLength(3);
    expect(c.most()).toBe(1);
  });
});
