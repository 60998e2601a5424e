import { describe, expect, it } from 'vitest';
import { segment } from '../../src/nlu/segment.js';

describe('segment', () => {
  it('keeps village words whole that the general dictionary splits', () => {
    const words = segment('俺家宅基地的事 新农合 低保户 土地流转 村规民约 红白喜事');
    for (const w of ['宅基地', '新农合', '低保户', '土地流转', '村规民约', '红白喜事']) expect(words).toContain(w);
  });

  it('drops whitespace and keeps every character', () => {
    const text = '村委会 能不能修一下路灯';
    const words = segment(text);
    expect(words).not.toContain(' ');
    expect(words.join('')).toBe(text.replace(/ /g, ''));
  });
});
