import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptance, GUIDE_MODEL, namesAnotherVillage } from '../../src/rules/accept.js';
import { ExcerptIndex } from '../../src/rules/excerpt.js';
import { parseRules } from '../../src/rules/parse.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');
const rulesOf = (file: string) => new ExcerptIndex(parseRules(readFileSync(join(FIXTURES, file), 'utf8')));

describe('when nothing in the rules fits', () => {
  it('answers [] to market talk and chat that clear the score bar on one shared word', () => {
    // Each of these scores over the bar on the village's own rules (猪 for livestock, 作品 for the school article).
    expect(rulesOf('shaao.txt').rank('猪肉现在多少钱一斤了')).toEqual([]);
    expect(rulesOf('shiqiao.txt').rank('大家帮我孩子的作品投个票吧')).toEqual([]);
    expect(rulesOf('yushugou.txt').rank('今晚有没有人一起去看电影')).toEqual([]);
  });

  it('answers [] to a question about another village it names', () => {
    expect(rulesOf('yushugou.txt').rank('东山村那边今年分红了没 村规咋说')).toEqual([]);
  });

  it('still finds the article for clear questions, short ones too', () => {
    const yushugou = rulesOf('yushugou.txt');
    expect(yushugou.rank('老张家的牛跑我地里啃了一片苞米 能让他赔不')[0]?.label).toBe('第十三条');
    expect(yushugou.rank('被邻居家狗咬了 医药费谁掏')[0]?.label).toBe('第十六条');
    expect(yushugou.rank('柴火垛离房子多远')[0]?.label).toBe('第十条');
  });
});

describe('acceptance', () => {
  const base = { clarity: 2, chars: 0.5, matched: 3, chat: 0.2, keys: 0.5, strange: 0.2 };

  it('trusts a passage less when it shares one term with the question, or the question reads as chat', () => {
    expect(acceptance({ ...base, matched: 1 })).toBeLessThan(acceptance(base));
    expect(acceptance({ ...base, chat: 1 })).toBeLessThan(acceptance(base));
  });

  it('trusts it more when it covers more of the question and clears the bar further', () => {
    expect(acceptance({ ...base, chars: 0.9 })).toBeGreaterThan(acceptance(base));
    expect(acceptance({ ...base, clarity: 4 })).toBeGreaterThan(acceptance(base));
  });

  it('trusts a guide item less when it lacks the key words of the question, and the guide has them nowhere', () => {
    expect(acceptance({ ...base, keys: 0.1 }, GUIDE_MODEL)).toBeLessThan(acceptance(base, GUIDE_MODEL));
    expect(acceptance({ ...base, strange: 0.9 }, GUIDE_MODEL)).toBeLessThan(acceptance(base, GUIDE_MODEL));
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
