import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cunbotLines, ROOT } from '../helpers/cli.js';

const GUIDE = join(ROOT, 'villages/xihe/办事指南.md');
const tmp = mkdtempSync(join(tmpdir(), 'cunbot-guide-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const guide = (args: string[], input = '') => cunbotLines(['guide', ...args], input);

describe('cunbot guide', () => {
  it('answers each question with up to three item headings, best first, [] when none fits, and goes on after a bad line', () => {
    const input = [
      JSON.stringify({ id: 'a', question: '身份证丢了 去哪补办' }),
      'not json',
      JSON.stringify({ id: 2, question: '今天好热啊' }),
      JSON.stringify({ id: 'n', question: 3 }),
      '',
      JSON.stringify({ id: 'c', question: '刚生的娃娃 医保咋上' }),
    ].join('\n');
    const { status, lines } = guide(['--file', GUIDE], `${input}\n`);
    expect(status).toBe(0);
    expect(lines).toEqual([
      { id: 'a', items: expect.any(Array) },
      { id: null, error: 'not JSON' },
      { id: 2, items: [] },
      { id: 'n', error: '"question" is not a string' },
      { id: 'c', items: expect.any(Array) },
    ]);
    expect(lines[0].items[0]).toBe('身份证办理');
    expect(lines[4].items[0]).toBe('城乡居民医保缴费');
    for (const l of [lines[0], lines[4]]) expect(l.items.length).toBeLessThanOrEqual(3);
  });

  it('exits 2 naming the file, the line and the fix when the guide cannot be used', () => {
    const missing = guide(['--file', join(tmp, 'none.md')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('none.md: cannot read it (no such file)');

    const bad = join(tmp, '办事指南.md');
    writeFileSync(bad, '## 开具证明\n带身份证\n## 开具证明\n带户口本\n');
    const duplicate = guide(['--file', bad]);
    expect(duplicate.status).toBe(2);
    expect(duplicate.stderr).toContain(`${bad}:3: "## 开具证明" is also the heading on line 1`);

    const noFlag = guide([]);
    expect(noFlag.status).toBe(2);
    expect(noFlag.stderr).toContain('--file FILE is required');
  });
});
