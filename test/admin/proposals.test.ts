import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;
let auth: Record<string, string>;

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'he', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  auth = { authorization: `Bearer ${(await login(h, 'he', 'correct-horse')).token}` };
});
afterAll(() => h.close());

const step = (id: string, payload: object) =>
  h.app.inject({ method: 'POST', url: `/api/cases/${id}/proposal`, headers: auth, payload });

describe('议事协商', () => {
  it('takes a proposal through 四议两公开, each step on the case timeline, and announces the result in the group', async () => {
    const c = await seedCase(h, { intent: 'proposal', text: '建议在村口装两盏路灯', resident: '赵小军' });
    for (const stage of ['proposed', 'discussed', 'reviewed'] as const) {
      expect((await step(c.id, { stage, note: `${stage} 同意` })).statusCode).toBe(200);
    }
    const vote = await step(c.id, {
      stage: 'resolved',
      note: '代表会议表决',
      votes: { for: 23, against: 2, abstain: 1 },
    });
    expect(vote.json().proposal).toMatchObject({ stage: 'resolved', adopted: true });
    const published = await step(c.id, { stage: 'published', note: '村口路灯下月安装', announce: true });
    expect(published.json().case.status).toBe('answered');

    const notes = published.json().case.events.filter((e: { type: string }) => e.type === 'note');
    expect(notes).toHaveLength(5);
    expect(notes[3].text).toContain('赞成 23，反对 2，弃权 1，通过');
    const jobs = await h.outbox.queue.getJobs(['waiting', 'prioritized']);
    const announced = jobs.find((j) => j.data.caseId === c.id);
    expect(announced?.data.to).toMatchObject({ kind: 'room', topic: '西河村村民群' });
    expect(announced?.data.text).toContain('村口路灯下月安装');

    const list = await h.app.inject({ method: 'GET', url: '/api/proposals', headers: auth });
    expect(list.json().proposals.find((p: { id: string }) => p.id === c.id).proposal.stage).toBe('published');
  });

  it('stops the SLA clock once on the agenda: past its deadline it is 议事中 in the inbox, never 超时', async () => {
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    const c = await seedCase(h, { intent: 'proposal', text: '建议把村小学门口的土路硬化', receivedAt: weekAgo });
    expect((await step(c.id, { stage: 'proposed', note: '支委会提议' })).statusCode).toBe(200);
    const overdue = await h.app.inject({ method: 'GET', url: '/api/cases?overdue=true', headers: auth });
    expect(overdue.json().cases.map((r: { id: string }) => r.id)).not.toContain(c.id);
    const inbox = await h.app.inject({ method: 'GET', url: '/api/cases?intent=proposal', headers: auth });
    expect(inbox.json().cases.find((r: { id: string }) => r.id === c.id)).toMatchObject({ overdue: false });
    const page = await h.app.inject({ method: 'GET', url: `/cases/${c.id}`, headers: auth });
    expect(page.body).toContain('议事中');
    expect(page.body).not.toContain('已超时');
  });

  it('refuses to skip a stage, saying which comes next (409)', async () => {
    const c = await seedCase(h, { intent: 'proposal' });
    const res = await step(c.id, { stage: 'reviewed', note: '跳过' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toContain('proposed');
    expect(res.json().message).toContain('下一步应是提议');
  });

  it('is only for proposal cases', async () => {
    const c = await seedCase(h, { intent: 'legal_question' });
    expect((await step(c.id, { stage: 'proposed', note: '?' })).statusCode).toBe(409);
  });
});
