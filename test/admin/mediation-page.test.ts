import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from './helpers.js';

let h: Harness;
let mediator: string;
let township: string;

beforeAll(async () => {
  h = await harness();
  await addCaseAdvisor(h);
  await h.users.add({ username: 'zhou', password: 'correct-horse', role: 'mediator', villages: ['xihe'] });
  await h.users.add({ username: 'zhen', password: 'correct-horse', role: 'township', townships: ['柳湾镇'] });
  mediator = await formLogin(h, 'zhou');
  township = await formLogin(h, 'zhen');
});
afterAll(() => h.close());

const open = (jar: string, id: string) =>
  h.app.inject({ method: 'GET', url: `/cases/${id}`, headers: { ...html, cookie: jar } });

/** The hidden fields of the form with this id on the page; fails the test when the page does not offer it. */
function hiddenFields(body: string, formId: string): Record<string, string> {
  const start = body.indexOf(`id="${formId}"`);
  expect(start, `form #${formId} on the page`).toBeGreaterThan(-1);
  const markup = body.slice(start, body.indexOf('</form>', start));
  return Object.fromEntries(
    [...markup.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
}

/** A mediator's tap: opens the case page and submits the mediation form shown there, filled with `fields`. */
async function submit(jar: string, id: string, formId: string, fields: Record<string, string> = {}) {
  const page = await open(jar, id);
  return h.app.inject({
    method: 'POST',
    url: `/cases/${id}/mediation`,
    headers: formHeaders(cookieHeader(page, jar)),
    payload: form({ ...hiddenFields(page.body, formId), note: '', mediator: '', ...fields }),
  });
}

/** The dashboard's 纠纷在村调解成功 figure as the mediator reads it. */
async function inVillageShare(): Promise<string | undefined> {
  const page = await h.app.inject({ method: 'GET', url: '/dashboard', headers: { ...html, cookie: mediator } });
  return /id="stat-in-village">([^<]*)</.exec(page.body)?.[1];
}

describe('the mediation ladder on a dispute’s page', () => {
  it('a mediator starts at 村民小组, records 未成功 and moves it up to the 治保调解主任, each time back on the page with a notice', async () => {
    const c = await seedCase(h, { intent: 'dispute_report', text: '邻居在我家地头堆柴，说了几次不听' });
    const first = await open(mediator, c.id);
    expect(first.body).toContain('人民调解');
    expect(first.body).toContain('未到这一级');

    const started = await submit(mediator, c.id, 'mediation-start', { note: '组长先上门了解情况' });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(`/cases/${c.id}?done=mediating`);
    const failed = await submit(mediator, c.id, 'mediation-outcome', { outcome: '未成功', note: '双方各不相让' });
    const page = await h.app.inject({
      method: 'GET',
      url: failed.headers.location!,
      headers: { ...html, cookie: mediator },
    });
    expect(page.body).toContain('已记录：本级调解未成功。');
    // The next rung's own mediator (the 治保调解主任 of village.json) is the default choice.
    expect(page.body).toContain('杜建军（村委委员、治保调解主任） · 本级默认');

    await submit(mediator, c.id, 'mediation-up', { note: '转村调委会' });
    const after = await h.store.get(c.id);
    expect(after?.mediation).toEqual({ level: 'village' });
    expect(after?.owner?.name).toBe('杜建军');
    const ladder = (await open(mediator, c.id)).body;
    const group = ladder.slice(ladder.indexOf('data-level="group"'), ladder.indexOf('data-level="village"'));
    expect(group).toContain('未成功');
    expect(group).toContain('调解人：郑国栋（法律顾问）');
    expect(group).toContain('双方各不相让');
    expect(ladder).toMatch(
      /data-level="village"><b>村调委会调解<\/b> <span class="badge">进行中<\/span><span class="badge status">当前/,
    );
  });

  it('调解成功 in the village ends the ladder and raises the dashboard’s share settled in the village; one settled at the township lowers it', async () => {
    expect(await inVillageShare()).toBe('—');
    const a = await seedCase(h, { intent: 'dispute_report', text: '两家为滴水檐吵起来了' });
    await submit(mediator, a.id, 'mediation-start');
    const settled = await submit(mediator, a.id, 'mediation-outcome', { outcome: '调解成功', note: '签订调解协议' });
    expect(settled.headers.location).toBe(`/cases/${a.id}?done=settled`);
    const page = (await open(mediator, a.id)).body;
    expect(page).toContain('调解已结束：调解成功');
    expect(page).not.toContain(`action="/cases/${a.id}/mediation"`);
    expect(await inVillageShare()).toBe('100%');

    const b = await seedCase(h, { intent: 'dispute_report', text: '承包地边界说不清' });
    await submit(mediator, b.id, 'mediation-start');
    for (const level of ['group', 'village']) {
      await submit(mediator, b.id, 'mediation-outcome', { outcome: '未成功', note: `${level} 未调成` });
      await submit(mediator, b.id, 'mediation-up');
    }
    expect((await h.store.get(b.id))?.owner).toMatchObject({ name: '卢振华', kind: 'township' });
    await submit(mediator, b.id, 'mediation-outcome', { outcome: '调解成功', note: '司法所调解' });
    expect(await inVillageShare()).toBe('50%');
  });

  it('hands the rung to another person of the village when the mediator names one', async () => {
    const c = await seedCase(h, { intent: 'dispute_report', text: '婆媳吵架要分家' });
    await submit(mediator, c.id, 'mediation-start', { mediator: 'committee:苏梅' });
    expect((await h.store.get(c.id))?.owner?.name).toBe('苏梅');
  });

  it('explains in Chinese a step another mediator has already overtaken', async () => {
    const c = await seedCase(h, { intent: 'dispute_report' });
    await submit(mediator, c.id, 'mediation-start');
    const page = await open(mediator, c.id);
    const outcome = { ...hiddenFields(page.body, 'mediation-outcome'), note: '当事人不再追究' };
    const headers = formHeaders(cookieHeader(page, mediator));
    const post = (fields: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: `/cases/${c.id}/mediation`,
        headers,
        payload: form({ ...outcome, ...fields }),
      });
    await post({ outcome: '撤回' });
    const late = await post({ outcome: '调解成功' });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('text/html');
    expect(late.body).toContain('这起纠纷已经撤回，不能再记录调解。');
  });

  it('shows the ladder but no buttons to the township before the dispute is escalated, saying why', async () => {
    const c = await seedCase(h, { intent: 'dispute_report' });
    const page = (await open(township, c.id)).body;
    expect(page).toContain('id="mediation-ladder"');
    expect(page).not.toContain('id="mediation-start"');
    expect(page).toContain('乡镇只处理已上报到乡镇的案件');
  });

  it('shows no ladder on a case that is not a dispute', async () => {
    const c = await seedCase(h, { intent: 'legal_question' });
    const page = (await open(mediator, c.id)).body;
    expect(page).not.toContain('id="mediation"');
    expect(page).not.toContain('人民调解');
  });

  it('refuses the mediation API to a cookie session without the CSRF token', async () => {
    const c = await seedCase(h, { intent: 'dispute_report' });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/mediation`,
      headers: { cookie: mediator },
      payload: { level: 'group', outcome: '调解成功' },
    });
    expect(res.statusCode).toBe(403);
    expect((await h.store.get(c.id))?.mediation).toBeUndefined();
  });
});
