import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function classify(input: string, args: string[] = []) {
  const run = spawnSync(process.execPath, ['bin/cunbot.js', 'classify', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const lines = run.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: run.status, lines, stderr: run.stderr };
}

describe('cunbot classify (Contract 1)', () => {
  it('answers one line per input, in order, with the contract fields', () => {
    const input = [
      { id: 'a', text: '@村小助\u2005想开个收入证明 找谁盖章', mentioned: true },
      { id: 'b', text: '哈哈 今天天气真好' },
      { id: 3, text: '快来人 老刘家柴火垛着火了 挨着房子' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { status, lines } = classify(`${input}\n`);
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 3]);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['confidence', 'id', 'intent', 'urgent', 'wouldReply']);
      expect(l.confidence).toBeGreaterThanOrEqual(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
    }
    expect(lines[0]).toMatchObject({ intent: 'service_request', wouldReply: true });
    expect(lines[1]).toMatchObject({ intent: 'other', urgent: false, wouldReply: false });
    expect(lines[2]).toMatchObject({ urgent: true, wouldReply: true });
  });

  it('answers malformed lines with an error in their place, skips blank lines and goes on', () => {
    const input = [
      'not json at all',
      '',
      '{"id":"n1"}',
      '{"id":"n2","text":42}',
      '[1,2]',
      '   ',
      '{"id":"ok","text":"收到"}',
    ].join('\n');
    const { status, lines } = classify(`${input}\n`);
    expect(status).toBe(0);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[1]).toMatchObject({ id: 'n1', error: expect.stringContaining('text') });
    expect(lines[2]).toMatchObject({ id: 'n2', error: expect.stringContaining('text') });
    expect(lines[3]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[4]).toMatchObject({ id: 'ok', intent: 'other' });
  });

  it('answers a very long forwarded text', () => {
    const text = `【转】${'农村老人一定要看的养老知识，'.repeat(20_000)}`;
    const { status, lines } = classify(`${JSON.stringify({ id: 'long', text })}\n`);
    expect(status).toBe(0);
    expect(lines).toEqual([expect.objectContaining({ id: 'long', intent: 'other' })]);
  });

  it('rejects a --villages folder that does not exist, naming it', () => {
    const { status, stderr } = classify('', ['--villages', 'no/such/folder']);
    expect(status).toBe(2);
    expect(stderr).toContain('no/such/folder');
  });
});
