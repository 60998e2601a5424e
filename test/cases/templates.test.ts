import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR, TemplateError, Templates } from '../../src/cases/templates.js';

describe('templates', () => {
  it('fill their placeholders', () => {
    const t = Templates.load(DEFAULT_TEMPLATES_DIR);
    expect(t.render('accepted', { number: 'XH-1121-007', owner: '网格员老王', due: '11月22日 10:00' })).toContain(
      'XH-1121-007',
    );
  });

  it('stop start-up on a misspelt placeholder or a missing file, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'accepted.txt'), '已受理 {numbr}');
    rmSync(join(dir, 'help.txt'));
    expect(() => Templates.load(dir)).toThrow(TemplateError);
    expect(() => Templates.load(dir)).toThrow(/accepted\.txt: unknown placeholder \{numbr\}/);
    expect(() => Templates.load(dir)).toThrow(/help\.txt is missing/);
  });
});
