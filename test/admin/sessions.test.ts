import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore, secondsLeft } from '../../src/admin/sessions.js';
import { type Harness, harness, login } from './helpers.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const policy = { idleSeconds: 2 * 3600, maxSeconds: 12 * 3600 };

let h: Harness;

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  await h.users.add({ username: 'wu', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
});
afterAll(() => h.close());

const me = (headers: Record<string, string>) => h.app.inject({ method: 'GET', url: '/api/me', headers });
const sessionKey = (token: string) => `${h.prefix}:session:${createHash('sha256').update(token).digest('base64url')}`;

describe('session lifetime', () => {
  it('is the idle span, cut short by the absolute end 12 hours after login', () => {
    expect(secondsLeft(T0, T0 + HOUR, policy)).toBe(2 * 3600);
    expect(secondsLeft(T0, T0 + 11 * HOUR, policy)).toBe(3600);
    expect(secondsLeft(T0, T0 + 12 * HOUR, policy)).toBe(0);
  });

  it('a session in use every hour still ends 12 hours after login', async () => {
    const sessions = new SessionStore(h.redis, h.prefix, policy);
    const { token, session } = await sessions.create('lin', Date.now());
    // As if logged in 11 hours ago and busy since: still alive, but a touch cannot keep it past the 12th hour.
    const old = { ...session, createdAt: Date.now() - 11 * HOUR };
    await h.redis.set(sessionKey(token), JSON.stringify({ username: 'lin', createdAt: old.createdAt }));
    expect(await sessions.resolve(token)).toMatchObject({ username: 'lin' });
    await sessions.touch(old);
    expect(await h.redis.ttl(sessionKey(token))).toBeLessThanOrEqual(3600);
    expect(await sessions.resolve(token, old.createdAt + 12 * HOUR)).toBeUndefined();
  });

  it('a refused request does not extend the session; an accepted one does', async () => {
    const { token, cookies } = await login(h, 'lin', 'correct-horse');
    await h.redis.expire(sessionKey(token), 100);
    const forbidden = await h.app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: cookies } });
    expect(forbidden.statusCode).toBe(403);
    const noCsrf = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookies } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await h.redis.ttl(sessionKey(token))).toBeLessThanOrEqual(100);
    expect((await me({ cookie: cookies })).statusCode).toBe(200);
    expect(await h.redis.ttl(sessionKey(token))).toBeGreaterThan(3600);
  });
});

describe('revocation', () => {
  it('disabling a user ends all their sessions, and enabling does not bring them back', async () => {
    const a = await login(h, 'wu', 'correct-horse');
    const b = await login(h, 'wu', 'correct-horse');
    await h.users.setDisabled('wu', true);
    await h.users.setDisabled('wu', false);
    expect((await me({ authorization: `Bearer ${a.token}` })).statusCode).toBe(401);
    expect((await me({ cookie: b.cookies })).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${(await login(h, 'wu', 'correct-horse')).token}` })).statusCode).toBe(
      200,
    );
  });

  it('a password reset ends every session of that user, not of others', async () => {
    const lin = await login(h, 'lin', 'correct-horse');
    const wu = await login(h, 'wu', 'correct-horse');
    await h.users.resetPassword('lin', 'another-horse');
    expect((await me({ authorization: `Bearer ${lin.token}` })).statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${wu.token}` })).statusCode).toBe(200);
    await h.users.resetPassword('lin', 'correct-horse');
  });
});

describe('CSRF tokens are bound to the session', () => {
  it("a token from another session is refused; the session's own is accepted", async () => {
    const first = await login(h, 'lin', 'correct-horse');
    const second = await login(h, 'lin', 'correct-horse');
    const logout = (cookie: string, token: string) =>
      h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': token } });
    expect((await logout(second.cookies, first.csrfToken)).statusCode).toBe(403);
    expect((await logout(second.cookies, second.csrfToken)).statusCode).toBe(200);
  });

  it('a token from before login (the login page) is refused for changes after it: login rotates the token', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/login', headers: { accept: 'text/html' } });
    const before = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const jar = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const { cookies, csrfToken } = await login(h, 'lin', 'correct-horse');
    const cookie = `${jar}; ${cookies}`;
    const logout = (token: string) =>
      h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': token } });
    expect((await logout(before)).statusCode).toBe(403);
    expect((await logout(csrfToken)).statusCode).toBe(200);
  });
});

describe('after an upgrade', () => {
  it('a session stored by the previous version (only the username) asks for a new login instead of a 500', async () => {
    const token = 'old-format-token';
    await h.redis.set(sessionKey(token), 'lin', 'EX', 600);
    const res = await me({ authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(401);
  });
});
