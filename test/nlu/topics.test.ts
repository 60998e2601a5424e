import { describe, expect, it } from 'vitest';
import { PhraseMatcher, topicConcepts, topicsOf } from '../../src/nlu/topics.js';

describe('topicsOf', () => {
  it('finds topic concepts from colloquial words, in order of mention', () => {
    expect(topicsOf('老板拖欠工资三个月了')).toEqual(['劳动', '欠薪']);
    expect(topicsOf('我家在基地被邻居占了')).toEqual(['宅基地', '邻里']);
    expect(topicsOf('村口路灯坏了好几天')).toEqual(['水电路灯']);
    expect(topicsOf('婆婆不让我离婚 彩礼要退吗')).toEqual(['婚姻家庭']);
  });

  it("maps advisors' free-text topics onto the same concepts", () => {
    expect(topicsOf('土地承包经营权流转')).toEqual(expect.arrayContaining(['土地', '承包流转']));
    expect(topicsOf('借贷与借条')).toEqual(['借贷']);
    expect(topicsOf('交通事故赔偿')).toEqual(['交通事故']);
  });

  it('returns only the canonical concepts it lists', () => {
    const known = new Set(topicConcepts());
    expect(known).toContain('承包流转');
    for (const text of ['土地流转合同到期了', '宅基地被占', '借条丢了', '路灯坏了']) {
      for (const t of topicsOf(text)) expect(known.has(t), t).toBe(true);
    }
  });

  it('finds nothing in chit-chat', () => {
    expect(topicsOf('大家早上好 今天天气不错')).toEqual([]);
  });
});

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher([
    ['电动车', 'ev'],
    ['电动', 'motor'],
    ['死…猪', 'dead-pig'],
  ]);

  it('prefers the longest phrase at a position', () => {
    expect(m.match('电动车充电')).toEqual(['ev']);
    expect(m.match('电动牙刷')).toEqual(['motor']);
  });

  it('matches "…" phrases across a few filler characters, but not across a sentence end', () => {
    expect(m.match('家里死了头猪')).toEqual(['dead-pig']);
    expect(m.match('家里死了人。隔壁养猪')).toEqual([]);
    expect(m.match('家里死了头猪', { gaps: false })).toEqual([]);
  });

  it('names a value once, or at each mention when asked (how often a text returns to an idea)', () => {
    expect(m.match('电动车不得在室内充电，电动车电池不得带入室内')).toEqual(['ev']);
    expect(m.match('电动车不得在室内充电，电动车电池不得带入室内', { repeats: true })).toEqual(['ev', 'ev']);
  });

  it('says where each phrase stands, a "…" phrase from its first part to its last', () => {
    expect(m.spans('我的电动车')).toEqual([{ value: 'ev', start: 2, end: 5 }]);
    expect(m.spans('家里死了头猪')).toEqual([{ value: 'dead-pig', start: 2, end: 6 }]);
  });
});
