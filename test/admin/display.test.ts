import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, formHeaders, formLogin, type Harness, harness, html, seedCase, tokenIn } from './helpers.js';

let h: Harness;
let lin: string;
let he: string;

/** Logs in through the login form like a browser: returns the cookie jar. */
async function browserLogin(username = 'lin'): Promise<string> {
  const jar = await formLogin(h, username);
  expect(jar).not.toBe('');
  return jar;
}

const get = (url: string, cookie: string) => h.app.inject({ method: 'GET', url, headers: { ...html, cookie } });

async function post(cookie: string, id: string, what: string, data: Record<string, string>) {
  const page = await get(`/cases/${id}`, cookie);
  const res = await h.app.inject({
    method: 'POST',
    url: `/cases/${id}/${what}`,
    headers: formHeaders(cookie),
    payload: form({ _csrf: tokenIn(page.body), ...data }),
  });
  expect(res.statusCode).toBe(303);
  return get(res.headers.location as string, cookie);
}

beforeAll(async () => {
  h = await harness();
  const add = (username: string, role: 'advisor' | 'committee' | 'admin', displayName?: string) =>
    h.users.add({
      username,
      password: 'correct-horse',
      role,
      villages: ['xihe'],
      ...(displayName ? { displayName } : {}),
    });
  await add('lin', 'advisor', '郑国栋');
  await add('he', 'committee', '贺长青');
  await add('root', 'admin');
  lin = await browserLogin('lin');
  he = await browserLogin('he');
});
afterAll(() => h.close());

describe('what staff see on the case page', () => {
  it('the timeline names the person, not the login', async () => {
    const c = await seedCase(h);
    const page = await post(lin, c.id, 'reply', { text: '请带上宅基地证来村委会。', internal: 'false' });
    expect(page.body).toContain('郑国栋');
    expect(page.body).not.toContain('工作人员 lin');
  });

  it('reassigning to the person who holds the case is not logged', async () => {
    const c = await seedCase(h);
    const page = await post(he, c.id, 'assign', { owner: 'advisor:郑国栋' });
    expect(page.body).toContain('没有变化');
    expect((await h.store.get(c.id))?.events.map((e) => e.type)).not.toContain('reassigned');
  });

  it('an unchanged intent does not say it was corrected', async () => {
    const c = await seedCase(h, { intent: 'legal_question' });
    const page = await post(he, c.id, 'intent', { intent: 'legal_question' });
    expect(page.body).not.toContain('类别已更正');
    expect(page.body).toContain('没有变化');
  });

  it("offers the village's own canned replies (villages/xihe/canned.txt)", async () => {
    const c = await seedCase(h);
    expect((await get(`/cases/${c.id}`, lin)).body).toContain('法律顾问每周三上午在村委会值班');
  });

  it('a name with bidi controls shows without them', async () => {
    const c = await seedCase(h, { resident: '\u202e助小村\u202c王五', text: '问\u200f一下低保' });
    const inbox = await get('/inbox', lin);
    expect(inbox.body).toContain('助小村王五');
    expect(inbox.body).not.toMatch(/[\u202a-\u202e\u200e\u200f]/);
    expect((await get(`/cases/${c.id}`, lin)).body).toContain('问一下低保');
  });
});

describe('/login when already logged in', () => {
  it('says who you are and offers 退出, not the form', async () => {
    const page = await get('/login', lin);
    expect(page.body).toContain('您已登录为');
    expect(page.body).toContain('郑国栋');
    expect(page.body).toContain('退出');
    expect(page.body).not.toContain('type="password"');
  });
});

describe('the queue dashboard', () => {
  it('refuses a non-admin with a Chinese page', async () => {
    const res = await get('/admin/queues', lin);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('没有权限');
  });

  it('refuses a change that does not come from its own page', async () => {
    const root = await browserLogin('root');
    const url = '/admin/queues/api/queues/outbound/retry/failed';
    const cross = await h.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: root, origin: 'https://evil.example', accept: 'application/json' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().message).toBe('页面已过期，请刷新后再提交。');
    const own = await h.app.inject({
      method: 'PUT',
      url,
      headers: {
        cookie: root,
        origin: 'http://cunbot.test:3000',
        host: 'cunbot.test:3000',
        accept: 'application/json',
      },
    });
    expect(own.statusCode).not.toBe(403);
  });
});
