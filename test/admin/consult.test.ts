import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, login, seedCase } from './helpers.js';

let h: Harness;
let committee: Record<string, string>;
let advisor: Record<string, string>;

beforeAll(async () => {
  h = await harness();
  await h.users.add({ username: 'he', password: 'correct-horse', role: 'committee', villages: ['xihe'] });
  await h.users.add({ username: 'lin', password: 'correct-horse', role: 'advisor', villages: ['xihe'] });
  committee = { authorization: `Bearer ${(await login(h, 'he', 'correct-horse')).token}` };
  advisor = { authorization: `Bearer ${(await login(h, 'lin', 'correct-horse')).token}` };
});
afterAll(() => h.close());

describe('意见征集 and 村民名册 in the workbench', () => {
  it('binds from the residents page, refusing a name two residents share', async () => {
    const bind = (payload: object) =>
      h.app.inject({
        method: 'POST',
        url: '/api/residents/bind',
        headers: committee,
        payload: { village: 'xihe', ...payload },
      });
    const refused = await bind({ wechatName: '王芳', name: '王芳' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('二组、五组');
    expect((await bind({ wechatName: '王芳', name: '王芳', group: '二组' })).statusCode).toBe(200);
    const page = await h.app.inject({ method: 'GET', url: '/api/residents?village=xihe', headers: committee });
    expect(page.json().bindings).toMatchObject([{ resident: '二组|0207|王芳', wechatName: '王芳' }]);
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/residents?village=xihe', headers: advisor })).statusCode,
    ).toBe(403);
  });

  it("confirms a resident's own request to be bound", async () => {
    const reply = await h.service.consult!.bindings.request('xihe', '国平在深圳', '我是四组的孙国平，想登记', {
      name: '孙国平',
      group: '四组',
    });
    expect(reply).toContain('已转给村委会核实');
    const before = await h.app.inject({ method: 'GET', url: '/api/residents?village=xihe', headers: committee });
    expect(before.json().pending).toMatchObject([{ wechatName: '国平在深圳', resident: '四组|0412|孙国平' }]);
    const confirmed = await h.app.inject({
      method: 'POST',
      url: '/api/residents/confirm',
      headers: committee,
      payload: { village: 'xihe', wechatName: '国平在深圳' },
    });
    expect(confirmed.statusCode).toBe(200);
    const after = await h.app.inject({ method: 'GET', url: '/api/residents?village=xihe', headers: committee });
    expect(after.json().pending).toEqual([]);
    expect(after.json().bindings.map((b: { wechatName: string }) => b.wechatName)).toContain('国平在深圳');
  });

  it('opens a consultation, announces it in every room, and shows voices by name to the committee only', async () => {
    const c = await seedCase(h, { intent: 'proposal', text: '建议村口装两盏路灯', resident: '赵小军' });
    const opened = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/consultation`,
      headers: committee,
      payload: { text: '村口路灯，请发表意见', hours: 24 },
    });
    expect(opened.statusCode).toBe(200);
    const jobs = await h.outbox.queue.getJobs(['waiting', 'prioritized']);
    const rooms = jobs
      .filter((j) => j.data.to.kind === 'room' && j.data.text.includes('意见征集'))
      .map((j) => j.data.to);
    expect(rooms).toHaveLength(2);
    const csv = await h.app.inject({ method: 'GET', url: `/api/cases/${c.id}/consultation.csv`, headers: committee });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF姓名,村民小组')).toBe(true);
    expect(
      (await h.app.inject({ method: 'GET', url: `/api/cases/${c.id}/consultation`, headers: advisor })).statusCode,
    ).toBe(403);
  });
});
