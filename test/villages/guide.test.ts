import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuideError, parseGuide } from '../../src/villages/guide.js';
import { loadVillage, VillageError } from '../../src/villages/load.js';

const XIHE = join(import.meta.dirname, '../../villages/xihe/办事指南.md');

function errorOf(text: string): string {
  try {
    parseGuide(text, { name: 'g/办事指南.md' });
  } catch (err) {
    if (err instanceof GuideError) return err.message;
    throw err;
  }
  throw new Error('expected a GuideError');
}

describe('parseGuide', () => {
  it("reads the demo village's guide: title, opening text, one item per ## heading with its text", () => {
    const guide = parseGuide(readFileSync(XIHE, 'utf8'));
    expect(guide.title).toBe('西河村便民服务指南');
    expect(guide.preamble).toContain('程小燕');
    expect(guide.items.length).toBeGreaterThanOrEqual(12);
    expect(guide.items.length).toBeLessThanOrEqual(16);
    const certificates = guide.items.find((i) => i.heading === '开具证明')!;
    expect(certificates.text).toContain('身份证');
    expect(certificates.text).not.toContain('##');
  });

  it('tolerates a BOM, CRLF, blank lines and ### sub-headings inside an item', () => {
    const guide = parseGuide(
      '\uFEFF## 低保申请\r\n\r\n### 材料\r\n户口本、身份证\r\n##\u3000高龄补贴\r\n满80岁登记\r\n',
    );
    expect(guide.items.map((i) => [i.heading, i.text, i.line])).toEqual([
      ['低保申请', '### 材料\n户口本、身份证', 1],
      ['高龄补贴', '满80岁登记', 5],
    ]);
    expect(guide.title).toBe('');
  });

  it('names the file, the line and the fix for a guide the bot cannot quote', () => {
    expect(errorOf('# 指南\n开证明找村委会。\n')).toMatch(
      /^g\/办事指南\.md: no item found — start each service item with a line "## /,
    );
    expect(errorOf('## 开具证明\n带身份证\n## 低保申请\n\n## 高龄补贴\n满80岁\n')).toBe(
      'g/办事指南.md:3: "## 低保申请" has nothing under it — write the 材料, 地点, 时间 and 电话 below the heading, or remove it',
    );
    expect(errorOf('## 开具证明\n带身份证\n## 开具证明\n带户口本\n')).toBe(
      'g/办事指南.md:3: "## 开具证明" is also the heading on line 1 — merge the two items or name them apart',
    );
    expect(errorOf('## 开具证明\n带身份证\n##\n带户口本\n')).toContain(
      'g/办事指南.md:3: a "##" line without a heading',
    );
  });
});

describe('a village folder with a service guide', () => {
  it('loads 办事指南.md beside the rules, and stays without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cunbot-guide-village-'));
    try {
      cpSync(join(XIHE, '..'), dir, { recursive: true });
      expect(loadVillage(dir).guide?.items.map((i) => i.heading)).toContain('开具证明');
      rmSync(join(dir, '办事指南.md'));
      expect(loadVillage(dir).guide).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops loading with the file, the line and the fix when the guide is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cunbot-guide-village-'));
    try {
      cpSync(join(XIHE, '..'), dir, { recursive: true });
      writeFileSync(join(dir, '办事指南.md'), '# 指南\n## 低保申请\n\n## 高龄补贴\n满80岁登记\n');
      expect(() => loadVillage(dir)).toThrow(VillageError);
      expect(() => loadVillage(dir)).toThrow(`${join(dir, '办事指南.md')}:2: "## 低保申请" has nothing under it`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
