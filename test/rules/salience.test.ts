import { describe, expect, it } from 'vitest';
import { salientWords } from '../../src/rules/salience.js';

const words = (q: string) => salientWords(q).map((s) => s.word);
const weight = (q: string, w: string) => salientWords(q).find((s) => s.word === w)?.weight ?? 0;

describe('salientWords', () => {
  it('keeps what a question is about and drops the words any question has', () => {
    expect(words('我想办个营业执照 在哪里办')).toEqual(['营业执照']);
    expect(words('孩子的补贴在哪领')).toEqual([]);
  });

  it('weighs a rare word over a common one, and says where it stands', () => {
    const q = '我的身份证丢了 去哪补办';
    expect(weight(q, '补办')).toBeGreaterThan(weight(q, '身份证'));
    expect(weight(q, '身份证')).toBeGreaterThan(weight(q, '丢'));
    expect(salientWords(q).find((s) => s.word === '身份证')?.start).toBe(2);
  });
});
