import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, formHeaders, formLogin, type Harness, harness, html, login, tokenIn } from './helpers.js';

let h: Harness;
let root: string;

async function submit(url: string, data: Record<string, string | string[]>) {
  const page = await h.app.inject({ method: 'GET', url: '/users', headers: { ...html, cookie: root } });
  return h.app.inject({
    method: 'POST',
    url,
    headers: formHeaders(root),
    payload: form({ _csrf: tokenIn(page.body), ...data }),
  });
}

const browserLogin = (username: string, password?: string) => formLogin(h, username, password);

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'root', password: 'correct-horse', role: 'admin' });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  root = await browserLogin('root');
});
afterAll(() => h.close());

describe('the users page', () => {
  it('lists users with role and last login, for admins only', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/users', headers: { ...html, cookie: root } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('法律顾问');
    expect(page.body).toContain('上次登录');
    const lin = await browserLogin('lin');
    const refused = await h.app.inject({ method: 'GET', url: '/users', headers: { ...html, cookie: lin } });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('没有权限');
  });

  it('adds a user who can then log in', async () => {
    const res = await submit('/users', {
      username: 'xu',
      displayName: '许文静',
      role: 'advisor',
      villages: ['xihe'],
      password: 'good-password',
    });
    expect(res.statusCode).toBe(303);
    expect((await h.users.get('xu'))?.displayName).toBe('许文静');
    expect(await browserLogin('xu', 'good-password')).not.toBe('');
    const again = await submit('/users', {
      username: 'xu',
      role: 'advisor',
      villages: 'xihe',
      password: 'good-password',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('这个用户名已经有人用了');
  });

  it('disabling ends the sessions; a reset password replaces the old one', async () => {
    const lin = await browserLogin('lin');
    expect((await submit('/users/lin/disabled', { disabled: 'true' })).statusCode).toBe(303);
    const after = await h.app.inject({ method: 'GET', url: '/inbox', headers: { ...html, cookie: lin } });
    expect(after.statusCode).toBe(302);
    await submit('/users/lin/disabled', { disabled: 'false' });
    expect((await submit('/users/lin/password', { password: 'new-password-1' })).statusCode).toBe(303);
    expect(await browserLogin('lin')).toBe('');
    expect(await login(h, 'lin', 'new-password-1')).toHaveProperty('token');
  });
});
