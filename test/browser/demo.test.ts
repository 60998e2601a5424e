import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/cases/store.js';
import type { Demo } from '../../src/cli/commands/demo.js';
import { type DemoInBrowser, demoInBrowser, logIn, SHOTS } from '../helpers/browser.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('browser');

let demo: Demo;
let browser: Browser;
let world: DemoInBrowser | undefined;

beforeAll(async () => {
  world = await demoInBrowser(prefix);
  ({ demo, browser } = world);
}, 60_000);

afterAll(async () => {
  await world?.close();
}, 60_000);

describe('the demo in a browser', () => {
  it("a resident asks in the group, an advisor answers in the workbench, the answer reaches the resident's chat", async () => {
    const context = await browser.newContext({ viewport: { width: 414, height: 860 }, locale: 'zh-CN' });
    const chat = await context.newPage();
    await chat.goto(`${demo.url}/demo`);
    await chat.fill('#who', '王大爷');
    await chat.selectOption('#where', { index: 0 });
    await chat.check('#mention');
    await chat.fill('#text', '我家宅基地被邻居占了一米多，法律上我该怎么维权？');
    await chat.click('#say button[type=submit]');
    // The bot acknowledges in the group at once, with a case number.
    await chat
      .locator('.msg.bot', { hasText: /XH-\d{4}-\d{3}/ })
      .first()
      .waitFor({ timeout: 20_000 });

    const desk = await context.newPage();
    await desk.goto(`${demo.url}/login`);
    // The advisor the case is routed to (by its topic, 宅基地): an advisor answers its own cases.
    const advisor = demo.logins.find((l) => l.role === 'advisor' && l.who.includes('宅基地'))!;
    await logIn(desk, advisor);
    await desk.waitForURL(/\/inbox/);
    const row = desk.locator('.case-row', { hasText: '宅基地被邻居占了' });
    await row.waitFor();
    await desk.screenshot({ path: `${SHOTS}inbox.png`, fullPage: true });

    await row.click();
    await desk.waitForURL(/\/cases\//);
    await desk.fill('#reply-text', '王大爷您好，宅基地的事请带上使用证，周四下午到便民服务中心找我。');
    await desk.click('#reply-form button[type=submit]');
    await desk.locator('.ok', { hasText: '答复已发出' }).waitFor();

    // The answer goes out through the outbound queue, privately, and shows in 王大爷's chat.
    await chat.locator('.msg.bot', { hasText: '周四下午到便民服务中心找我' }).waitFor({ timeout: 20_000 });
    expect(await chat.locator('.msg.bot.private', { hasText: '周四下午' }).count()).toBeGreaterThan(0);
    await chat.screenshot({ path: `${SHOTS}chat.png`, fullPage: true });

    await desk.goto(`${demo.url}/dashboard`);
    await expect(desk.locator('#stat-total').textContent()).resolves.toBe('1');
    await desk.screenshot({ path: `${SHOTS}dashboard.png`, fullPage: true });
    await context.close();
  }, 90_000);

  it('on a phone, a long text wraps inside the screen and folds behind 展开 until asked for; mediation starts with a tap', async () => {
    const redis = await openRedis(prefix);
    const link = `https://example.com/${'x'.repeat(150)}`;
    const text = `${'我家承包的那块地，合同上写的是三十年，可是村里说要收回去重新分。'.repeat(10)}材料在这里：${link}`;
    const { case: c } = await new CaseStore(redis.redis, prefix).createOrMerge(
      caseInput({ text, intent: 'dispute_report' }),
    );
    redis.redis.disconnect();

    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const desk = await context.newPage();
    await desk.goto(`${demo.url}/login?next=${encodeURIComponent(`/cases/${c.id}`)}`);
    const committee = demo.logins.find((l) => l.role === 'committee')!;
    await logIn(desk, committee);
    await desk.waitForURL(/\/cases\//);

    const words = desk.locator('#resident-words');
    const fold = words.locator('details.fold');
    await expect(fold.locator('.more').isVisible()).resolves.toBe(true);
    // The rendered text, not the DOM's: the closed fold shows the beginning only.
    // biome-ignore lint/performance/useDomNodeTextContent: what is on the screen is the point here
    expect(await words.innerText()).not.toContain(link);
    await fold.locator('summary').click();
    // biome-ignore lint/performance/useDomNodeTextContent: what is on the screen is the point here
    expect(await words.innerText()).toContain(link);
    await expect(fold.locator('.less').isVisible()).resolves.toBe(true);
    await desk.click('#mediation-start button[type=submit]');
    await desk.locator('.ok', { hasText: '本级调解开始' }).waitFor();
    await desk.locator('#mediation-outcome').waitFor();
    // A string, evaluated in the page: the test project is compiled without the DOM's types.
    const overflow = await desk.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await desk.screenshot({ path: `${SHOTS}case-phone.png`, fullPage: true });
    await context.close();
  }, 60_000);
});
