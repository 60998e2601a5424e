import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Demo, startDemo } from '../../src/cli/commands/demo.js';
import { loadConfig } from '../../src/config/env.js';
import { loadVillages } from '../../src/villages/load.js';
import { openRedis } from './redis.js';

// Debian's chromium (installed by .ci/run), never a downloaded browser.
const CHROMIUM = '/usr/bin/chromium';
/** Where browser tests save their screenshots. */
export const SHOTS = new URL('../../test-results/', import.meta.url).pathname;

export interface DemoInBrowser {
  demo: Demo;
  browser: Browser;
  close(): Promise<void>;
}

/** The demo (mock WeChat, workers, workbench) under its own key prefix, and headless chromium to drive it. */
export async function demoInBrowser(prefix: string): Promise<DemoInBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  const config = loadConfig({
    ...process.env,
    KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(32).toString('hex'),
  });
  const demo = await startDemo({
    config,
    villages: loadVillages(new URL('../../villages/', import.meta.url).pathname),
    port: 0,
    opening: false,
  });
  // Without the networking flags chromium keeps calling out of this closed network.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    demo,
    browser,
    async close() {
      await browser.close();
      await demo.close();
      await (await openRedis(prefix)).close();
    },
  };
}

/** Fills the workbench's login form on `page` (already at /login) with the demo login `login`. */
export async function logIn(page: Page, login: Demo['logins'][number]): Promise<void> {
  await page.fill('#username', login.username);
  await page.fill('#password', login.password);
  await page.click('button[type=submit]');
}
