import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMITTEE, type Harness, harness, seedCase } from '../admin/helpers.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;
let h: Harness;
const dir = mkdtempSync(join(tmpdir(), 'cunbot-intents-'));

beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cunbot intents export-corrections', () => {
  it('writes each case whose intent an agent corrected as a training line, and only those', async () => {
    const corrected = await seedCase(h, { text: '邻居家的牛吃了我家麦子，他不赔', intent: 'legal_question' });
    await seedCase(h, { text: '我想问问宅基地继承的事', intent: 'legal_question' });
    await h.service.correctIntent(COMMITTEE, corrected.id, 'dispute_report');

    const out = join(dir, 'corrections.jsonl');
    await run(process.execPath, [BIN, 'intents', 'export-corrections', '--out', out], {
      env: { ...process.env, KEY_PREFIX: h.prefix, LOG_LEVEL: 'silent' },
    });
    expect(readFileSync(out, 'utf8')).toBe(
      '{"text":"邻居家的牛吃了我家麦子，他不赔","intent":"dispute_report","source":"correction"}\n',
    );
  });
});
