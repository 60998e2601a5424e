import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import { cookieHeader, type Harness, harness, seedCase } from './helpers.js';

let h: Harness;
let c: Case;

const form = (data: Record<string, string>) => new URLSearchParams(data).toString();
const html = { accept: 'text/html' };
const formHeaders = (cookie: string) => ({ ...html, cookie, 'content-type': 'application/x-www-form-urlencoded' });

/** The CSRF token in a page's first hidden `_csrf` field. */
const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** Logs in through the login form like a browser: returns the cookie jar. */
async function browserLogin(username = 'lin'): Promise<string> {
  const page = await h.app.inject({ method: 'GET', url: '/login', headers: html });
  const jar = cookieHeader(page);
  const res = await h.app.inject({
    method: 'POST',
    url: '/login',
    headers: formHeaders(jar),
    payload: form({ _csrf: tokenIn(page.body), username, password: 'correct-horse', next: '/inbox' }),
  });
  expect(res.statusCode).toBe(303);
  return cookieHeader(res, jar);
}

beforeAll(async () => {
  h = await harness();
  // The advisor the seeded cases belong to, and a committee member for the proposals.
  await h.users.add({
    username: 'lin',
    password: 'correct-horse',
    role: 'advisor',
    villages: ['xihe'],
    displayName: '郑国栋',
  });
  await h.users.add({ username: 'he', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  c = await seedCase(h, { resident: '张大姐', text: '邻居家的牛把我家麦子吃了，找他赔他不认。' });
});
afterAll(() => h.close());

describe('login page', () => {
  it('logs in and sends you to the inbox', async () => {
    const jar = await browserLogin();
    const inbox = await h.app.inject({ method: 'GET', url: '/inbox', headers: { ...html, cookie: jar } });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(c.number);
    expect(inbox.body).toContain('张大姐');
  });

  it('says clearly when the password is wrong', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/login', headers: html });
    const res = await h.app.inject({
      method: 'POST',
      url: '/login',
      headers: formHeaders(cookieHeader(page)),
      payload: form({ _csrf: tokenIn(page.body), username: 'lin', password: 'nope-nope' }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码不对');
  });

  it('refuses a form post without the CSRF token (403)', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/login', headers: html });
    const res = await h.app.inject({
      method: 'POST',
      url: '/login',
      headers: formHeaders(cookieHeader(page)),
      payload: form({ username: 'lin', password: 'correct-horse' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期');
  });

  it('never redirects off-site after login', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/login?next=//evil.example/x', headers: html });
    expect(page.body).toContain('name="next" value="/inbox"');
  });
});

describe('case page', () => {
  it("shows the resident's words, the group context and the timeline", async () => {
    const jar = await browserLogin();
    const res = await h.app.inject({ method: 'GET', url: `/cases/${c.id}`, headers: { ...html, cookie: jar } });
    expect(res.body).toContain('邻居家的牛把我家麦子吃了');
    expect(res.body).toContain('大家早上好');
    expect(res.body).toContain('处理记录');
  });

  it('a reply form post answers the case and comes back with a notice', async () => {
    const jar = await browserLogin();
    const page = await h.app.inject({ method: 'GET', url: `/cases/${c.id}`, headers: { ...html, cookie: jar } });
    const res = await h.app.inject({
      method: 'POST',
      url: `/cases/${c.id}/reply`,
      headers: formHeaders(cookieHeader(page, jar)),
      payload: form({ _csrf: tokenIn(page.body), text: '明天上午调解主任上门看看。', internal: 'false' }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/cases/${c.id}?done=reply`);
    expect((await h.store.get(c.id))?.status).toBe('answered');
  });

  it('refuses a reply form post without the CSRF token (403)', async () => {
    const jar = await browserLogin();
    const res = await h.app.inject({
      method: 'POST',
      url: `/cases/${c.id}/reply`,
      headers: formHeaders(jar),
      payload: form({ text: '伪造的答复', internal: 'false' }),
    });
    expect(res.statusCode).toBe(403);
    expect((await h.store.get(c.id))?.events.some((e) => e.text === '伪造的答复')).toBe(false);
  });

  it('escapes what residents write', async () => {
    const evil = await seedCase(h, { resident: '<b>坏人</b>', text: '<script>alert(1)</script>' });
    const jar = await browserLogin();
    const res = await h.app.inject({ method: 'GET', url: `/cases/${evil.id}`, headers: { ...html, cookie: jar } });
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('dashboard', () => {
  it('shows the rates, a weekly chart and the CSV link', async () => {
    const jar = await browserLogin();
    const res = await h.app.inject({ method: 'GET', url: '/dashboard', headers: { ...html, cookie: jar } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('响应率');
    expect(res.body).toContain('解决率');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('/api/cases.csv');
  });
});

describe('议事协商 pages', () => {
  it('a proposal case shows the 四议两公开 panel, and its form records the next step', async () => {
    const p = await seedCase(h, { intent: 'proposal', text: '建议修村西的机耕路' });
    const jar = await browserLogin('he');
    const page = await h.app.inject({ method: 'GET', url: `/cases/${p.id}`, headers: { ...html, cookie: jar } });
    expect(page.body).toContain('议事协商（四议两公开）');
    const res = await h.app.inject({
      method: 'POST',
      url: `/cases/${p.id}/proposal`,
      headers: formHeaders(cookieHeader(page, jar)),
      payload: form({ _csrf: tokenIn(page.body), stage: 'proposed', note: '支部会议同意提交两委商议' }),
    });
    expect(res.statusCode).toBe(303);
    const list = await h.app.inject({ method: 'GET', url: '/proposals', headers: { ...html, cookie: jar } });
    expect(list.body).toContain('建议修村西的机耕路');
    expect(list.body).toContain('下一步：商议');
  });
});
