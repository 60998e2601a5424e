import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import {
  addCaseAdvisor,
  cookieHeader,
  form,
  formHeaders,
  formLogin,
  type Harness,
  harness,
  html,
  seedCase,
  tokenIn,
} from './helpers.js';

let h: Harness;
let c: Case;

/** Logs in through the login form like a browser: returns the cookie jar. */
async function browserLogin(username = 'lin'): Promise<string> {
  const jar = await formLogin(h, username);
  expect(jar).not.toBe('');
  return jar;
}

beforeAll(async () => {
  h = await harness();
  // The advisor the seeded cases belong to, and a committee member for the proposals.
  await addCaseAdvisor(h);
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
    expect(page.body).toContain('name="next" value="/"');
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

describe('times and long texts', () => {
  // One login for the block: the login form is rate-limited per address, as it should be.
  let jar: string;
  beforeAll(async () => {
    jar = await browserLogin();
  });

  it('shows a case received at 2026-12-01T17:30Z as 2026-12-02 01:30 (TIMEZONE Asia/Shanghai) on the inbox, the case page and the CSV', async () => {
    const late = await seedCase(h, { resident: '夜里来问的', receivedAt: new Date('2026-12-01T17:30:00Z') });
    const inbox = await h.app.inject({ method: 'GET', url: '/inbox', headers: { ...html, cookie: jar } });
    const row = inbox.body.slice(inbox.body.indexOf(`data-case="${late.number}"`));
    expect(row.slice(0, row.indexOf('</a>'))).toContain('2026-12-02 01:30');
    const page = await h.app.inject({ method: 'GET', url: `/cases/${late.id}`, headers: { ...html, cookie: jar } });
    expect(page.body).toContain('村民 <b>夜里来问的</b> · 2026-12-02 01:30');
    const csv = await h.app.inject({ method: 'GET', url: '/api/cases.csv', headers: { cookie: jar } });
    const line = csv.body.split('\r\n').find((l) => l.startsWith(`${late.number},`));
    expect(line).toContain(',夜里来问的,');
    expect(line).toContain(',2026-12-02 01:30,');
  });

  it('folds a text over 300 characters behind 展开, and leaves a short one open', async () => {
    const long = `${'我家东边的宅基地界线一直有争议，'.repeat(25)}请村里来量一下。`;
    const folded = await seedCase(h, { text: long });
    const page = await h.app.inject({ method: 'GET', url: `/cases/${folded.id}`, headers: { ...html, cookie: jar } });
    const words = page.body.slice(page.body.indexOf('id="resident-words"'));
    expect(words.slice(0, 60)).toContain('<details class="fold words">');
    expect(words).toContain(`展开全文（${[...long].length} 字）`);
    expect(words).toContain('请村里来量一下。</details>');
    const short = await h.app.inject({ method: 'GET', url: `/cases/${c.id}`, headers: { ...html, cookie: jar } });
    const shortWords = short.body.slice(short.body.indexOf('id="resident-words"'));
    expect(shortWords.slice(0, 60)).toContain('<div class="words">邻居家的牛');
  });

  it('escapes a long folded text too, in its preview and in full', async () => {
    const evil = await seedCase(h, { text: `<img src=x onerror=alert(1)>${'占地'.repeat(200)}` });
    const res = await h.app.inject({ method: 'GET', url: `/cases/${evil.id}`, headers: { ...html, cookie: jar } });
    expect(res.body).not.toContain('<img src=x');
    const words = res.body.slice(res.body.indexOf('id="resident-words"'), res.body.indexOf('</details>'));
    expect(words.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)).toHaveLength(2);
  });
});

describe('assets', () => {
  it('serves the pages’ scripts and style sheet, and nothing else of the source', async () => {
    const script = await h.app.inject({ method: 'GET', url: '/assets/case.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    const style = await h.app.inject({ method: 'GET', url: '/assets/app.css' });
    expect(style.headers['content-type']).toContain('text/css');
    expect(style.body).toContain('overflow-wrap: anywhere');
    for (const url of ['/assets/../pages/case.ts', '/assets/%2e%2e/app.ts', '/assets/', '/assets/x/../../app.ts']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.body, url).not.toContain('import ');
    }
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
