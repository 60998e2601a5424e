import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { namesAnotherVillage } from '../../src/rules/accept.js';
import { ExcerptIndex } from '../../src/rules/excerpt.js';
import { parseRules } from '../../src/rules/parse.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');
// Written with its questions before the acceptance model existed, and not fitted on.
const yushugou = new ExcerptIndex(parseRules(readFileSync(join(FIXTURES, 'yushugou.txt'), 'utf8')));
const top = (question: string) => yushugou.rank(question).map((a) => a.label);

describe('when nothing in the rules fits', () => {
  it('answers [] to market talk that names livestock the rules regulate', () => {
    expect(top('牛肉现在多少钱一斤')).toEqual([]);
    expect(top('谁知道哪有卖羊羔的')).toEqual([]);
  });

  it('answers [] to a question about the law that shares only 规定 and fillers with the rules', () => {
    expect(top('劳动法规定加班费咋算')).toEqual([]);
  });

  it('still finds the article for clear questions on the same topics', () => {
    expect(top('老张家的牛跑我地里啃了一片苞米 能让他赔不')[0]).toBe('第十三条');
    expect(top('我家一头牛突然死了 能卖给收牛的不')[0]).toBe('第十四条');
    expect(top('被邻居家狗咬了 医药费谁掏')[0]).toBe('第十六条');
  });
});

describe('namesAnotherVillage', () => {
  const own = '榆树沟村村规民约 本村';

  it('sees a named village the text never names', () => {
    expect(namesAnotherVillage('东山村那边今年分红了没', own)).toBe(true);
    expect(namesAnotherVillage('李家寨的路修了没', own)).toBe(true);
  });

  it('leaves the village itself and words that only contain 村 alone', () => {
    expect(namesAnotherVillage('榆树沟村的低保咋申请', own)).toBe(false);
    for (const q of ['我们村规怎么说', '隔壁村的人跑到我家山上挖冬笋', '闺女嫁到外村了', '刚才停电是全村都停了吗']) {
      expect(namesAnotherVillage(q, own), q).toBe(false);
    }
  });
});
