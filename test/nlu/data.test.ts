import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadExamples } from '../../src/nlu/data.js';
import { INTENTS } from '../../src/nlu/types.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function folder(lines: Partial<Record<(typeof INTENTS)[number], string[]>>): string {
  dir = mkdtempSync(join(tmpdir(), 'cunbot-intents-'));
  for (const intent of INTENTS) writeFileSync(join(dir, `${intent}.jsonl`), `${(lines[intent] ?? []).join('\n')}\n`);
  return dir;
}

describe('training data', () => {
  it('takes the intent from the file and accepts pasted corrections', () => {
    const d = folder({
      other: ['{"text":"收到","source":"train"}'],
      service_request: ['{"text":"路灯坏了","intent":"service_request","source":"correction"}', ''],
    });
    expect(loadExamples(d)).toEqual([
      { text: '路灯坏了', intent: 'service_request', source: 'correction' },
      { text: '收到', intent: 'other', source: 'train' },
    ]);
  });

  it('names the file and line of an example filed under the wrong intent', () => {
    const d = folder({
      other: [
        '{"text":"收到","source":"train"}',
        '{"text":"路灯坏了","intent":"service_request","source":"correction"}',
      ],
    });
    expect(() => loadExamples(d)).toThrow(/other\.jsonl:2: .*service_request\.jsonl/);
  });
});
