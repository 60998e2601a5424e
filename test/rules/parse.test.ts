import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberOf, parseRules, RulesError } from '../../src/rules/parse.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/rules', name), 'utf8');
const labels = (text: string) => parseRules(text).articles.map((a) => a.label);

describe('parseRules', () => {
  it('reads 第X章 chapters, 第X条 articles and （一） items; title and preamble are not articles', () => {
    const rules = parseRules(fixture('chapters-cn.txt'));
    expect(rules.title).toBe('南岭村村规民约');
    expect(rules.preamble).toContain('制定本村规民约');
    expect(rules.chapters.map((c) => [c.label, c.title, c.articles.length])).toEqual([
      ['第一章', '总则', 2],
      ['第二章', '平安与消防', 3],
      ['第三章', '附则', 1],
    ]);
    expect(rules.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条']);
    const fire = rules.articles[3]!;
    expect(fire.chapter).toBe('平安与消防');
    expect(fire.items.map((i) => i.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(fire.items[0]!.text).toBe('不得在室内给电动车充电；');
  });

  it('keeps the committee signature out of the last article', () => {
    expect(parseRules(fixture('chapters-cn.txt')).articles.at(-1)!.text).toBe('本村规民约自通过之日起施行。');
  });

  it('does not start an article at "第X条" mentioned inside a sentence', () => {
    const rules = parseRules(fixture('chapters-cn.txt'));
    expect(rules.articles[4]!.text).toBe('违反第三条规定的，由村委会批评教育，依照第四条处理的情形除外。');
  });

  it('reads 一、 chapters, 第1条 articles and 1. / 1、 items, labels exactly as written', () => {
    const rules = parseRules(fixture('list-arabic.txt'));
    expect(rules.chapters.map((c) => `${c.label}${c.title}`)).toEqual([
      '一、总则',
      '二、婚丧事宜',
      '三、环境卫生',
      '四、附则',
    ]);
    expect(rules.articles.map((a) => a.label)).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条', '第6条', '第7条']);
    expect(rules.articles[2]!.items).toEqual([
      { label: '1.', text: '婚宴不超过十二桌；' },
      { label: '2.', text: '丧事不超过三天；' },
      { label: '3、', text: '不得燃放大型礼花。' },
    ]);
    // "1.5元" is a number, not an item.
    expect(rules.articles[5]!.items).toEqual([]);
  });

  it('reads half-width (一) items inline, and a paragraph opening with a reference stays in its article', () => {
    const rules = parseRules(fixture('flat-halfwidth.txt'));
    expect(rules.chapters).toEqual([]);
    expect(rules.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条', '第四条']);
    expect(rules.articles[1]!.items.map((i) => i.label)).toEqual(['(一)', '(二)', '(三)']);
    expect(rules.articles[2]!.text).toBe('养犬应当拴养。\n第三条规定的拴养，是指用犬链拴住或者关在院内。');
  });

  it('survives a BOM, CRLF, full-width spaces, blank lines inside articles and articles that start mid-line', () => {
    const rules = parseRules(fixture('ugly.txt'));
    expect(rules.title).toBe('西溪村村规民约');
    expect(rules.chapters.map((c) => c.title)).toEqual(['总则', '治安']);
    expect(rules.articles.map((a) => [a.label, a.chapter])).toEqual([
      ['第一条', '总则'],
      ['第二条', '总则'],
      ['第三条', '治安'],
      ['第四条', '治安'],
      ['第五条', '治安'],
    ]);
    expect(rules.articles[1]!.items.map((i) => i.text)).toEqual(['孝敬老人；', '爱护子女。']);
    expect(rules.articles[3]!.text).toBe('不得偷盗，依照第三条处理。');
  });

  it('numbers articles past one hundred and warns about a gap', () => {
    const rules = parseRules(fixture('hundred.txt'), { name: 'hundred.txt' });
    expect(rules.articles.map((a) => [a.label, a.number])).toEqual([
      ['第九十九条', 99],
      ['第一百条', 100],
      ['第一百零一条', 101],
      ['第一百一十二条', 112],
    ]);
    expect(rules.warnings).toEqual(['hundred.txt: 第一百一十二条 follows 第一百零一条 — check the numbering']);
  });

  it('parses the demo village without warnings', () => {
    const rules = parseRules(readFileSync(join(import.meta.dirname, '../../villages/xihe/村规民约.txt'), 'utf8'));
    expect(rules.articles).toHaveLength(56);
    expect(rules.articles.every((a, i) => a.label === `第${i + 1}条` && a.text.length > 10)).toBe(true);
    expect(rules.warnings).toEqual([]);
  });

  it('reads a text without numbering as paragraphs, and refuses only an empty one, naming the file', () => {
    expect(labels('村规\n大家要团结。\n不要吵架。')).toEqual(['第1段', '第2段']);
    expect(() => parseRules(' \n\uFEFF\r\n　', { name: 'x.txt' })).toThrow(RulesError);
    expect(() => parseRules('', { name: 'x.txt' })).toThrow(/^x\.txt: the file is empty/);
  });

  it('reads 一、 items inside articles of a text whose chapters are 第X章', () => {
    const rules = parseRules(
      '第一章 总则\n第一条 村民应当：\n一、遵守法律；\n二、爱护环境。\n第二条 本规约自通过之日起施行。',
    );
    expect(rules.chapters.map((c) => c.title)).toEqual(['总则']);
    expect(rules.articles[0]!.items).toEqual([
      { label: '一、', text: '遵守法律；' },
      { label: '二、', text: '爱护环境。' },
    ]);
  });

  it('ignores text before the first article that only looks like a list', () => {
    expect(labels('说明：\n一、本规约经讨论通过，现予公布。\n第一条 村民应当守法。')).toEqual(['第一条']);
  });
});

describe('numberOf', () => {
  it('reads Chinese and Arabic numerals', () => {
    expect(
      ['一', '十', '十二', '二十', '二十一', '一百', '一百零一', '一百一十', '两百', '12', '１２'].map(numberOf),
    ).toEqual([1, 10, 12, 20, 21, 100, 101, 110, 200, 12, 12]);
  });
});
