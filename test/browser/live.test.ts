import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/commands/demo.js';
import { type DemoInBrowser, demoInBrowser, logIn, SHOTS } from '../helpers/browser.js';
import { testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('browser-live');

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

describe('the workbench live, on a phone', () => {
  it('an open inbox shows a resident’s new case without a reload, marks the urgent one, and finds it by search', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const desk = await context.newPage();
    await desk.goto(`${demo.url}/login`);
    const committee = demo.logins.find((l) => l.role === 'committee')!;
    await logIn(desk, committee);
    await desk.waitForURL(/\/inbox/);
    // A mark on this page's window: a reload would wipe it.
    await desk.evaluate('window.stillHere = true');

    const chat = await context.newPage();
    await chat.goto(`${demo.url}/demo`);
    await chat.fill('#who', '李大嫂');
    await chat.selectOption('#where', { index: 0 });
    await chat.check('#mention');
    await chat.fill('#text', '着火了！村东头柴草垛着火了，快来人救火');
    await chat.click('#say button[type=submit]');

    const row = desk.locator('.case-row', { hasText: '柴草垛着火了' });
    await row.waitFor({ timeout: 20_000 });
    await expect(desk.evaluate('window.stillHere === true')).resolves.toBe(true);
    await desk.locator('#live-badge', { hasText: '新紧急案件' }).waitFor();
    const overflow = await desk.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await desk.screenshot({ path: `${SHOTS}inbox-live-phone.png`, fullPage: true });

    await chat.fill('#text', '村里低保每年什么时候评？需要准备什么材料？');
    await chat.click('#say button[type=submit]');
    await desk.locator('.case-row', { hasText: '低保' }).waitFor({ timeout: 20_000 });

    await desk.fill('#f-q', '柴草垛');
    await desk.click('form.filters button[type=submit]');
    await desk.waitForURL(/q=/);
    await expect(desk.locator('.case-row').count()).resolves.toBe(1);
    await expect(desk.locator('.case-row').first().textContent()).resolves.toContain('柴草垛');
    await desk.screenshot({ path: `${SHOTS}inbox-search-phone.png`, fullPage: true });
    await context.close();
  }, 90_000);
});
