import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, LOGIN_THROTTLE, LoginThrottle, lockMs, retryMessage } from '../../src/admin/login-throttle.js';
import { type Harness, harness } from './helpers.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T06:00:00Z');

describe('the per-username backoff', () => {
  it('allows five attempts, then waits 1, 2, 4 … minutes, up to an hour', () => {
    expect([4, 5, 6, 7, 8, 20].map((n) => lockMs(n, LOGIN_THROTTLE) / MINUTE)).toEqual([0, 1, 2, 4, 8, 60]);
  });

  it('refuses the sixth attempt until the wait is over, and counts it once it is allowed', () => {
    let state = { attempts: 0, lastAt: T0 };
    for (let i = 0; i < 5; i++) {
      const verdict = decide(state, T0 + i * 1000, LOGIN_THROTTLE);
      if (!verdict.allowed) throw new Error(`attempt ${i + 1} refused`);
      state = verdict.next;
    }
    expect(decide(state, state.lastAt + 30_000, LOGIN_THROTTLE)).toEqual({
      allowed: false,
      retryAt: state.lastAt + MINUTE,
    });
    const after = decide(state, state.lastAt + MINUTE, LOGIN_THROTTLE);
    expect(after).toEqual({ allowed: true, next: { attempts: 6, lastAt: state.lastAt + MINUTE } });
  });

  it('forgets the misses after 15 quiet minutes beyond the wait', () => {
    const state = { attempts: 6, lastAt: T0 };
    expect(decide(state, T0 + 2 * MINUTE + 15 * MINUTE, LOGIN_THROTTLE)).toEqual({
      allowed: true,
      next: { attempts: 1, lastAt: T0 + 17 * MINUTE },
    });
  });

  it('tells the person in Chinese how long to wait and until when (local time)', () => {
    expect(retryMessage(T0 + 2 * MINUTE, T0 + 10_000, 'Asia/Shanghai')).toContain('请 2 分钟后（14:02 以后）再试');
  });
});

let h: Harness;

beforeAll(async () => {
  // The per-address limit is set out of the way: what is proven here is the limit per username.
  h = await harness({ loginRateLimit: 1000 });
  for (const username of ['lin', 'wu', 'zhou']) {
    await h.users.add({ username, password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  }
});
afterAll(() => h.close());

const ADDRESSES = ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.3'];

const attempt = (username: string, password: string, i = 0) =>
  h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ADDRESSES[i % ADDRESSES.length],
    payload: { username, password },
  });

describe('login throttled per username', () => {
  it('after 5 wrong passwords from four addresses, even the right one is refused with 429 and when to retry', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await attempt('lin', `guess-${i}`, i)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const refused = await attempt('lin', 'correct-horse', 5);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/请 1 分钟后（\d\d:\d\d 以后）再试/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
    expect(refused.cookies.find((c) => c.name === 'cunbot_session')).toBeUndefined();
  });

  it('other accounts are not affected', async () => {
    expect((await attempt('wu', 'correct-horse')).statusCode).toBe(200);
  });

  it('sixteen guesses at once still get only five tries at the password', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => attempt('zhou', `guess-${i}`, i)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(11);
  });

  it('a success clears the count, and the count is shared through Redis by every process', async () => {
    const one = new LoginThrottle(h.redis, h.prefix);
    const other = new LoginThrottle(h.redis, h.prefix);
    for (let i = 0; i < 4; i++) await one.attempt('shared', T0);
    expect((await other.attempt('shared', T0)).allowed).toBe(true);
    expect((await one.attempt('shared', T0)).allowed).toBe(false);
    await other.clear('shared');
    expect((await one.attempt('shared', T0)).allowed).toBe(true);
  });
});

describe('login limited per address', () => {
  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as the IPv4 one', async () => {
    const small = await harness({ loginRateLimit: 3 });
    try {
      const from = (remoteAddress: string, i: number) =>
        small.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username: `nobody${i}`, password: 'guess-guess' },
        });
      const block = ['2001:db8:0:1::1', '2001:db8:0:1::2', '2001:db8:0:1:aaaa::3', '2001:db8:0:1::4'];
      const codes = [];
      for (const [i, ip] of block.entries()) codes.push((await from(ip, i)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      expect((await from('2001:db8:0:2::1', 9)).statusCode).toBe(401);
      for (const [i, ip] of ['10.1.1.1', '::ffff:10.1.1.1', '10.1.1.1'].entries()) await from(ip, 10 + i);
      expect((await from('::ffff:10.1.1.1', 20)).statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});
