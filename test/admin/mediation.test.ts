import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;
let committee: Record<string, string>;
let advisor: Record<string, string>;

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'du', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  committee = { authorization: `Bearer ${(await login(h, 'du', 'correct-horse')).token}` };
  advisor = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
});
afterAll(async () => h.close());

const step = (id: string, headers: Record<string, string>, payload: object) =>
  h.app.inject({ method: 'POST', url: `/api/cases/${id}/mediation`, headers, payload });

describe('POST /api/cases/:id/mediation', () => {
  it('takes a dispute up the ladder to the township’s 司法所, whose person then holds it', async () => {
    const c = await seedCase(h, { intent: 'dispute_report', text: '邻居在我家地头堆柴，说了几次不听' });
    expect(
      (await step(c.id, committee, { level: 'village', outcome: '未成功', note: '双方不同意' })).json(),
    ).toMatchObject({ mediation: { level: 'village', outcome: '未成功' }, owner: { name: '杜建军' } });
    const up = await step(c.id, committee, { level: 'township', note: '转镇司法所' });
    expect(up.json()).toMatchObject({ mediation: { level: 'township' }, owner: { name: '卢振华', kind: 'township' } });
    const down = await step(c.id, committee, { level: 'group', note: '' });
    expect(down.statusCode).toBe(409);
    expect(down.json().message).toContain('只能往上一级');
  });

  it('gives the rung to the person named instead of its own', async () => {
    const c = await seedCase(h, { intent: 'dispute_report', text: '婆媳为赡养费吵架' });
    const res = await step(c.id, committee, {
      level: 'village',
      note: '',
      mediator: { name: '苏梅', kind: 'committee' },
    });
    expect(res.json().owner).toMatchObject({ name: '苏梅', role: '村委会副主任、妇联主席' });
    const stranger = await step(c.id, committee, {
      level: 'township',
      note: '',
      mediator: { name: '路人', kind: 'township' },
    });
    expect(stranger.json().message).toBe('这个人不在本村名单里。');
  });

  it('refuses an advisor mediating a dispute that is not theirs, in Chinese', async () => {
    const c = await seedCase(h, { intent: 'dispute_report' });
    const res = await step(c.id, advisor, { level: 'village', note: '' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('没有分派给您');
  });

  it('shows in the stats the share of settled disputes settled in the village', async () => {
    const a = await seedCase(h, { intent: 'dispute_report' });
    const b = await seedCase(h, { intent: 'dispute_report' });
    await step(a.id, committee, { level: 'group', outcome: '调解成功', note: '组长调解' });
    await step(b.id, committee, { level: 'township', outcome: '调解成功', note: '司法所调解' });
    const stats = (await h.app.inject({ method: 'GET', url: '/api/stats?village=xihe', headers: committee })).json();
    expect(stats.resolvedInVillageRate).toBe(0.5);
  });
});
