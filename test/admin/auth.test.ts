import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/admin/users.js';
import { type Harness, harness, login } from './helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await harness({ loginRateLimit: 5 });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  await h.users.add({ username: 'gone', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  await h.users.setDisabled('gone', true);
});
afterAll(() => h.close());

describe('passwords', () => {
  it('are salted: the same password hashes differently and still verifies', async () => {
    const [a, b] = [await hashPassword('secret-123'), await hashPassword('secret-123')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret-123', a)).toBe(true);
    expect(await verifyPassword('secret-124', a)).toBe(false);
  });
});

describe('login', () => {
  it('gives a session cookie (httpOnly, SameSite=Strict, signed) and a bearer token', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lin', password: 'correct-horse' },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'cunbot_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session?.value).toContain('.');
    expect(res.json()).toMatchObject({ user: { username: 'lin', role: 'advisor', villageIds: ['xihe'] } });
    expect(res.json().user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password with 401 and a Chinese message', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'lin', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      error: expect.stringContaining('wrong username or password'),
      message: '用户名或密码不对。',
    });
  });

  it('refuses a disabled user', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'gone', password: 'correct-horse' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('says which field is missing (400)', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('body.password');
  });
});

describe('sessions', () => {
  it('without a session, the API answers 401 and pages send you to the login page', async () => {
    const api = await h.app.inject({ method: 'GET', url: '/api/me' });
    expect(api.statusCode).toBe(401);
    const page = await h.app.inject({ method: 'GET', url: '/inbox', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/login?next=%2Finbox');
  });

  it('a bearer token works for the API and ends at logout', async () => {
    const { token } = await login(h, 'lin', 'correct-horse');
    const auth = { authorization: `Bearer ${token}` };
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: auth })).json()).toMatchObject({
      user: { username: 'lin' },
      villageIds: ['xihe'],
    });
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(401);
  });

  it('a cookie session must send the CSRF token with changes', async () => {
    const { cookies, csrfToken } = await login(h, 'lin', 'correct-horse');
    const without = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookies } });
    expect(without.statusCode).toBe(403);
    const withToken = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: cookies, 'x-csrf-token': csrfToken },
    });
    expect(withToken.statusCode).toBe(200);
  });

  it('a disabled user is logged out at once', async () => {
    await h.users.add({ username: 'temp', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
    const { token } = await login(h, 'temp', 'correct-horse');
    await h.users.setDisabled('temp', true);
    const res = await h.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 after too many attempts in a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: 'lin', password: 'guess' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('cross-site forms', () => {
  it('cannot log anyone in: the API takes only JSON (415)', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=lin&password=correct-horse',
    });
    expect(res.statusCode).toBe(415);
    expect(res.cookies.find((c) => c.name === 'cunbot_session')).toBeUndefined();
  });
});
