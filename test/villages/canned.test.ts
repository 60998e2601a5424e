import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCanned, parseCanned } from '../../src/villages/canned.js';

describe('canned replies a village edits', () => {
  it('reads one reply a line, without blank lines and # comments', () => {
    expect(parseCanned('# 说明\n\n请到村委会办理。\n  已转给法律顾问。  \n', 'canned.txt')).toEqual([
      '请到村委会办理。',
      '已转给法律顾问。',
    ]);
  });

  it('names the file, the line and the fix for a mistake', () => {
    expect(() => parseCanned('请到村委会办理。\n请到村委会办理。\n', 'villages/xihe/canned.txt')).toThrow(
      'villages/xihe/canned.txt: line 2 repeats an earlier reply — delete it',
    );
    expect(() => parseCanned('# 只有说明\n', 'c.txt')).toThrow('has no reply');
    expect(() => parseCanned('长'.repeat(501), 'c.txt')).toThrow('line 1 is over 500 characters');
  });

  it("uses the village's own file, else the default", () => {
    const village = mkdtempSync(join(tmpdir(), 'canned-'));
    const fallback = join(village, 'default.txt');
    writeFileSync(fallback, '默认答复。\n');
    expect(loadCanned(village, fallback)).toEqual(['默认答复。']);
    writeFileSync(join(village, 'canned.txt'), '本村答复。\n');
    expect(loadCanned(village, fallback)).toEqual(['本村答复。']);
  });
});
