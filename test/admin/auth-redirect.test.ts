import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieHeader, type Harness, harness } from './helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await harness({ loginRateLimit: 1000 });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
});
afterAll(() => h.close());

const html = { accept: 'text/html' };

/** Logs in through the form like a browser, with `next` as the page carried it, and returns the answer. */
async function formLogin(next: string) {
  const page = await h.app.inject({ method: 'GET', url: '/login', headers: html });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return h.app.inject({
    method: 'POST',
    url: '/login',
    headers: { ...html, cookie: cookieHeader(page), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, username: 'lin', password: 'correct-horse', next }).toString(),
  });
}

describe('where login sends you', () => {
  it.each([
    '/\t/evil.example/phish',
    '/\n/evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '/%2F/evil.example',
    '/%5Cevil.example',
    '/%09/evil.example',
    '/inbox%0d%0aSet-Cookie:%20x=1',
    'https://evil.example/',
    'inbox',
    '/%E0%A4%A',
    '/ inbox',
  ])('refuses %j and goes to /', async (next) => {
    const res = await formLogin(next);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it.each([
    ['/inbox', '/inbox'],
    ['/cases/XH-1201-007?tab=timeline', '/cases/XH-1201-007?tab=timeline'],
    ['/inbox?village=%E8%A5%BF%E6%B2%B3', '/inbox?village=%E8%A5%BF%E6%B2%B3'],
    ['/inbox?q=西河', '/inbox?q=%E8%A5%BF%E6%B2%B3'],
  ])('follows a path on this site: %s', async (next, location) => {
    const res = await formLogin(next);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(location);
  });

  it('a newline in next never makes the login answer 500', async () => {
    const res = await formLogin('/inbox\r\nX-Evil: 1');
    expect(res.statusCode).toBe(303);
    expect(res.headers['x-evil']).toBeUndefined();
  });

  it('the login page carries only a safe next', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/login?next=%2F%09%2Fevil.example', headers: html });
    expect(page.body).toContain('name="next" value="/"');
  });
});
