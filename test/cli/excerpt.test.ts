import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cunbotLines, ROOT } from '../helpers/cli.js';

const RULES = join(ROOT, 'villages/xihe/村规民约.txt');

const excerpt = (args: string[], input = '') => cunbotLines(['excerpt', ...args], input);

describe('cunbot excerpt', () => {
  it('answers each question line with up to three labels as the rules write them, in order', () => {
    const input = [
      { id: 'a', question: '电驴子能推进屋里充电不' },
      { id: 7, question: '今天天气真不错' },
      { id: 'c', question: '娶媳妇最多能摆几桌' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const { status, lines } = excerpt(['--rules', RULES], `${input}\n`);
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', 7, 'c']);
    expect(lines[0].articles[0]).toBe('第9条');
    expect(lines[1].articles).toEqual([]);
    expect(lines[2].articles[0]).toBe('第14条');
    for (const l of lines) expect(l.articles.length).toBeLessThanOrEqual(3);
  });

  it('answers a malformed line with an error for its id and goes on', () => {
    const input = [
      'not json',
      '{"id": "no-q"}',
      '{"id": "num", "question": 5}',
      '[1, 2]',
      '',
      `{"id": "long", "question": "${'彩礼'.repeat(20_000)}"}`,
      '{"id": "ok", "question": "随份子随多少"}',
    ].join('\n');
    const { status, lines } = excerpt(['--rules', RULES], `${input}\n`);
    expect(status).toBe(0);
    expect(lines).toEqual([
      { id: null, error: 'not JSON' },
      { id: 'no-q', error: 'no "question" field' },
      { id: 'num', error: '"question" is not a string' },
      { id: null, error: 'not a JSON object' },
      { id: 'long', articles: expect.arrayContaining(['第15条']) },
      { id: 'ok', articles: expect.arrayContaining(['第16条']) },
    ]);
  });

  it('exits 2 with a clear message when the rules file is missing or holds no text', () => {
    const missing = excerpt(['--rules', join(ROOT, 'no-such-rules.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such-rules.txt: cannot read it (no such file)');

    const empty = excerpt(['--rules', '/dev/null']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--rules /dev/null: the file is empty');

    const noFlag = excerpt([]);
    expect(noFlag.status).toBe(2);
    expect(noFlag.stderr).toContain('--rules FILE is required');
  });
});
