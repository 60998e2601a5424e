import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import { addCaseAdvisor, COMMITTEE, type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;
let advisor: Record<string, string>;
let township: Record<string, string>;
let committee: Record<string, string>;
let mine: Case;
let theirs: Case;

beforeAll(async () => {
  h = await harness({ bodyLimit: 8 * 1024 });
  // The advisor the seeded cases belong to, and a committee member for what only the committee does.
  await addCaseAdvisor(h);
  await h.users.add({ username: 'zhen', password: 'correct-horse', role: 'township', townships: ['柳湾镇'] });
  await h.users.add({ username: 'he', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  advisor = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
  township = { authorization: `Bearer ${(await login(h, 'zhen', 'correct-horse')).token}` };
  committee = { authorization: `Bearer ${(await login(h, 'he', 'correct-horse')).token}` };
  mine = await seedCase(h, { text: '我家宅基地被邻居占了一米，怎么办？' });
  theirs = await seedCase(h, { village: 'nanshan', text: '南山村的事' });
});
afterAll(() => h.close());

describe('GET /api/cases', () => {
  it("lists only my villages' cases", async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/cases', headers: advisor });
    expect(res.statusCode).toBe(200);
    const ids = res.json().cases.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it('a township user sees the villages of its township', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/cases', headers: township });
    expect(res.json().cases.map((c: { village: string }) => c.village)).toEqual(['xihe']);
  });

  it('puts urgent cases first and filters by urgency', async () => {
    const urgent = await seedCase(h, { urgent: true, text: '着火了！', receivedAt: new Date(Date.now() - 3_600_000) });
    const all = await h.app.inject({ method: 'GET', url: '/api/cases', headers: advisor });
    expect(all.json().cases[0].id).toBe(urgent.id);
    const only = await h.app.inject({ method: 'GET', url: '/api/cases?urgent=true', headers: advisor });
    expect(only.json().cases.map((c: { id: string }) => c.id)).toEqual([urgent.id]);
  });

  it('shows the time left on the SLA clock and flags overdue cases', async () => {
    const late = await seedCase(h, {
      receivedAt: new Date(Date.now() - 10 * 86_400_000),
      dueAt: new Date(Date.now() - 3 * 86_400_000),
    });
    const res = await h.app.inject({ method: 'GET', url: '/api/cases?overdue=1', headers: advisor });
    const row = res.json().cases.find((c: { id: string }) => c.id === late.id);
    expect(row).toMatchObject({ overdue: true, slaRunning: true });
    expect(row.msLeft).toBeLessThan(0);
  });

  it('gives rows without the timeline that show a change to the case at once', async () => {
    const c = await seedCase(h, { text: '邻居把排水沟堵了，下雨就淹我家院子。' });
    await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/intent`,
      headers: committee,
      payload: { intent: 'dispute_report' },
    });
    const res = await h.app.inject({ method: 'GET', url: '/api/cases?limit=200', headers: advisor });
    const row = res.json().cases.find((r: { id: string }) => r.id === c.id);
    expect(row).toMatchObject({
      number: c.number,
      intent: 'dispute_report',
      resident: '王大爷',
      excerpt: '邻居把排水沟堵了，下雨就淹我家院子。',
      owner: { name: '郑国栋', role: '法律顾问' },
    });
    for (const heavy of ['events', 'messages', 'context']) expect(row).not.toHaveProperty(heavy);
  });

  it('rejects an unknown status with a 400 that names the field', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/cases?status=done', headers: advisor });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('querystring.status');
  });
});

describe('GET /api/cases/:id', () => {
  it('returns the case with its timeline and who it can be handed to', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/cases/${mine.id}`, headers: advisor });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ number: mine.number, text: mine.text, events: expect.any(Array) });
    expect(res.json().owners.map((o: { name: string }) => o.name)).toContain('林晓岚');
  });

  it("answers 404 for another village's case, exactly as for a missing one", async () => {
    const other = await h.app.inject({ method: 'GET', url: `/api/cases/${theirs.id}`, headers: advisor });
    const missing = await h.app.inject({ method: 'GET', url: '/api/cases/no-such-case', headers: advisor });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe(missing.json().message);
  });

  it("refuses changes to another village's case with 404", async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${theirs.id}/replies`,
      headers: advisor,
      payload: { text: '你好' },
    });
    expect(res.statusCode).toBe(404);
    expect((await h.store.get(theirs.id))?.events.some((e) => e.type === 'reply')).toBe(false);
  });
});

describe('changing a case', () => {
  it('a reply is queued to the resident, marks the case answered and is on the timeline with who', async () => {
    const c = await seedCase(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers: advisor,
      payload: { text: '请带上宅基地使用证来村委会，我们一起看。' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', firstResponseAt: expect.any(String) });
    expect(res.json().events.at(-1)).toMatchObject({ type: 'reply', actor: 'user:lin', at: expect.any(String) });
    const jobs = await h.outbox.queue.getJobs(['waiting', 'prioritized']);
    expect(jobs.some((j) => j.data.caseId === c.id && j.data.text.includes('宅基地使用证'))).toBe(true);
  });

  it('the answer is signed by the user who wrote it, with their role, not by the case owner', async () => {
    await h.users.add({
      username: 'sumei',
      password: 'correct-horse',
      role: 'committee',
      villages: ['xihe'],
      displayName: '苏梅',
    });
    await h.users.add({ username: 'wang', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
    const signed = async (username: string, text: string) => {
      const auth = { authorization: `Bearer ${(await login(h, username, 'correct-horse')).token}` };
      const c = await seedCase(h);
      await h.app.inject({ method: 'POST', url: `/api/cases/${c.id}/replies`, headers: auth, payload: { text } });
      const jobs = await h.outbox.queue.getJobs(['waiting', 'prioritized']);
      return jobs.find((j) => j.data.caseId === c.id)?.data.text ?? '';
    };
    // The seeded cases belong to the advisor 郑国栋.
    const byMember = await signed('sumei', '我下午去你家看看。');
    expect(byMember).toContain('——村委会副主任 苏梅');
    expect(byMember).not.toContain('郑国栋');
    expect(await signed('wang', '已转交。')).toContain('——村两委 wang');
  });

  it('an internal note never reaches the outbound queue', async () => {
    const c = await seedCase(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers: advisor,
      payload: { text: '内部：先问问调解主任', internal: true },
    });
    expect(res.json()).toMatchObject({ status: c.status, firstResponseAt: null });
    expect(res.json().events.at(-1)).toMatchObject({ type: 'note', actor: 'user:lin' });
    const jobs = await h.outbox.queue.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.some((j) => j.data.caseId === c.id)).toBe(false);
  });

  it('an empty reply is a 400 that says what is wrong', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${mine.id}/replies`,
      headers: advisor,
      payload: { text: '   ' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: expect.stringContaining('body.text'), message: expect.any(String) });
  });

  it('closing sets the resolution time', async () => {
    const c = await seedCase(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/status`,
      headers: advisor,
      payload: { status: 'closed', note: '已调解' },
    });
    expect(res.json()).toMatchObject({ status: 'closed', resolvedAt: expect.any(String) });
  });

  it('correcting the intent keeps what the classifier said', async () => {
    const c = await seedCase(h, { intent: 'legal_question' });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/intent`,
      headers: committee,
      payload: { intent: 'dispute_report' },
    });
    expect(res.json()).toMatchObject({ intent: 'dispute_report', predictedIntent: 'legal_question' });
    expect(res.json().events.at(-1)).toMatchObject({ type: 'intent_corrected', actor: 'user:he' });
  });

  it("reassigns only to the village's own advisors and committee", async () => {
    const c = await seedCase(h);
    const ok = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/assign`,
      headers: committee,
      payload: { name: '林晓岚', kind: 'advisor' },
    });
    expect(ok.json().owner).toMatchObject({ name: '林晓岚', kind: 'advisor' });
    const stranger = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/assign`,
      headers: committee,
      payload: { name: '张三', kind: 'advisor' },
    });
    expect(stranger.statusCode).toBe(400);
  });

  it('escalating to the township keeps the referral note on the timeline', async () => {
    const c = await seedCase(h);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/escalate`,
      headers: committee,
      payload: { note: '涉及两村地界，请镇里协调' },
    });
    expect(res.json()).toMatchObject({ status: 'escalated' });
    expect(res.json().events.at(-1)).toMatchObject({ type: 'escalated', text: '涉及两村地界，请镇里协调' });
  });

  it('escalating a closed case is a 409 with the reason', async () => {
    const c = await seedCase(h);
    await h.service.setStatus(COMMITTEE, c.id, 'closed');
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/escalate`,
      headers: committee,
      payload: { note: '再看看' },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('who may do what (403 with the reason in Chinese)', () => {
  const post = (id: string, action: string, headers: Record<string, string>, payload: object) =>
    h.app.inject({ method: 'POST', url: `/api/cases/${id}/${action}`, headers, payload });

  it('an advisor answers and closes its own cases, but leaves reassigning, escalating and intents to the committee', async () => {
    const c = await seedCase(h);
    for (const [action, payload] of [
      ['assign', { name: '林晓岚', kind: 'advisor' }],
      ['escalate', { note: '请镇里看看' }],
      ['intent', { intent: 'dispute_report' }],
    ] as const) {
      const res = await post(c.id, action, advisor, payload);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain('村两委');
    }
    expect((await post(c.id, 'status', advisor, { status: 'closed' })).statusCode).toBe(200);
  });

  it("an advisor cannot answer another advisor's case", async () => {
    const c = await seedCase(h);
    await post(c.id, 'assign', committee, { name: '林晓岚', kind: 'advisor' });
    const res = await post(c.id, 'replies', advisor, { text: '我来答' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('没有分派给您');
    expect((await h.store.get(c.id))?.events.some((e) => e.type === 'reply')).toBe(false);
  });

  it('the township reads its villages’ cases and acts only once one is escalated to it', async () => {
    const c = await seedCase(h);
    expect((await h.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: township })).statusCode).toBe(200);
    expect((await post(c.id, 'replies', township, { text: '镇里来处理' })).statusCode).toBe(403);
    await post(c.id, 'escalate', committee, { note: '涉及两村地界' });
    const res = await post(c.id, 'replies', township, { text: '镇里来处理' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('answered');
  });
});

describe('senseless status changes (409 with the reason in Chinese)', () => {
  const status = (id: string, payload: object) =>
    h.app.inject({ method: 'POST', url: `/api/cases/${id}/status`, headers: committee, payload });

  it('nothing goes back to new', async () => {
    const c = await seedCase(h);
    const res = await status(c.id, { status: 'new' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('新建');
    expect((await h.store.get(c.id))?.status).toBe('assigned');
  });

  it('a closed case is reopened before anything else happens to it', async () => {
    const c = await seedCase(h);
    await status(c.id, { status: 'closed' });
    const reply = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/replies`,
      headers: committee,
      payload: { text: '再补充一句' },
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().message).toContain('请先重新打开');
    expect((await status(c.id, { status: 'closed' })).statusCode).toBe(409);
    expect((await status(c.id, { status: 'reopened' })).json()).toMatchObject({ status: 'reopened', resolvedAt: null });
  });

  it('reopening a case that is not closed is refused', async () => {
    const c = await seedCase(h);
    const res = await status(c.id, { status: 'reopened' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('只有已办结的案件才能重新打开');
  });
});

describe('hostile requests', () => {
  it('malformed JSON is a 400', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${mine.id}/replies`,
      headers: { ...advisor, 'content-type': 'application/json' },
      payload: '{"text": "unterminated',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('JSON');
  });

  it('an oversized body is a 413', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${mine.id}/replies`,
      headers: advisor,
      payload: { text: '长'.repeat(20_000) },
    });
    expect(res.statusCode).toBe(413);
  });
});

describe('GET /api/villages/:id/rules/:article', () => {
  it('finds an article by its label or its number, quoted as the rules write it', async () => {
    const byNumber = await h.app.inject({ method: 'GET', url: '/api/villages/xihe/rules/10', headers: advisor });
    expect(byNumber.statusCode).toBe(200);
    const label = byNumber.json().label as string;
    expect(label).toMatch(/^第.+条$/);
    const byLabel = await h.app.inject({
      method: 'GET',
      url: `/api/villages/xihe/rules/${encodeURIComponent(label)}`,
      headers: advisor,
    });
    expect(byLabel.json()).toEqual(byNumber.json());
  });

  it("does not show another village's rules", async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/villages/nanshan/rules/1', headers: advisor });
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/cases.csv', () => {
  it('exports my cases with Chinese headers, and defuses spreadsheet formulas', async () => {
    await seedCase(h, { text: '=HYPERLINK("http://evil")' });
    const res = await h.app.inject({ method: 'GET', url: '/api/cases.csv', headers: advisor });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('编号');
    expect(res.body).toContain(mine.number);
    expect(res.body).not.toContain(theirs.number);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
