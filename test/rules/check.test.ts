import { describe, expect, it } from 'vitest';
import { checkReading } from '../../src/rules/check.js';
import { parseRules } from '../../src/rules/parse.js';

const issues = (text: string) => checkReading(parseRules(text)).map((i) => i.en);

describe('checkReading', () => {
  it('finds nothing wrong in rules read as they are written', () => {
    expect(issues('第一条 村民应当遵守法律。\n第二条 村民不得赌博。\n第三条 本村规民约自通过之日起施行。')).toEqual([]);
  });

  it('flags a long text read as very few articles', () => {
    const long = `1. 不得赌博。\n2. ${'村民应当爱护环境，不乱倒垃圾，不在河边洗农具，不往沟里扔农药瓶。'.repeat(60)}`;
    expect(issues(long)).toEqual([
      expect.stringMatching(/^2\. holds (9\d|100)% of the text/),
      expect.stringMatching(/^2 articles for \d{4} characters — articles may have been merged$/),
    ]);
  });

  it('flags very short articles and repeated labels', () => {
    expect(issues('第一条\n第二条 村民不得赌博。\n第三条 村民不得偷盗。')).toEqual([
      'very short articles: 第一条 — a mark may stand alone or split an article',
    ]);
    const rules = parseRules('第一条 村民不得赌博。\n第二条 村民不得偷盗。');
    rules.articles[1]!.label = '第一条';
    expect(checkReading(rules).map((i) => i.zh)).toEqual(['编号重复：第一条']);
  });

  it('says when there was no numbering and the text was read as paragraphs', () => {
    expect(issues('村规\n大家要团结。\n不要吵架。')).toEqual([
      'no article numbering found: read as 2 paragraphs (第1段…)',
    ]);
  });
});
