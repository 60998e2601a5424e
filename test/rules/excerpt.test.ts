import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matcherOf, readLexicon } from '../../src/nlu/topics.js';
import { clearExcerpt, ExcerptIndex, rankArticles } from '../../src/rules/excerpt.js';
import { parseRules, type Rules } from '../../src/rules/parse.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');
const xihe = parseRules(readFileSync(join(import.meta.dirname, '../../villages/xihe/村规民约.txt'), 'utf8'));
const top = (question: string) => rankArticles(xihe, question).map((a) => a.label);

type Row = { question: string; articles: string[] };
const rowsOf = (file: string): Row[] =>
  readFileSync(join(FIXTURES, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
const rulesOf = (file: string): Rules => parseRules(readFileSync(join(FIXTURES, file), 'utf8'));

function scores(answer: (q: string) => string[], rows: Row[]) {
  const answerable = rows.filter((r) => r.articles.length > 0);
  const none = rows.filter((r) => r.articles.length === 0);
  return {
    top1: answerable.filter((r) => r.articles.includes(answer(r.question)[0] ?? '')).length / answerable.length,
    top3: answerable.filter((r) => answer(r.question).some((a) => r.articles.includes(a))).length / answerable.length,
    none: none.filter((r) => answer(r.question).length === 0).length / none.length,
  };
}

/** The concept lexicon with a fixed 40% of its phrases dropped: residents who say what the lexicon never heard. */
function partOfLexicon() {
  const kept = new Map<string, string[]>();
  for (const [concept, phrases] of readLexicon('concepts.json')) {
    kept.set(
      concept,
      phrases.filter((p) => {
        let h = 2166136261;
        for (const c of p) h = Math.imul(h ^ c.codePointAt(0)!, 16777619);
        return (h >>> 0) / 2 ** 32 >= 0.4;
      }),
    );
  }
  return matcherOf(kept);
}

describe('rankArticles', () => {
  it("finds the article when residents use their own words for the rules' words", () => {
    expect(top('冬天冷 电驴子能推进屋里充电不')[0]).toBe('第9条'); // 电驴子 → 电动自行车
    expect(top('娶媳妇最多能摆几桌')[0]).toBe('第14条'); // 摆几桌 → 婚宴规模
    expect(top('亲戚家办事 随份子随多少合适')[0]).toBe('第16条'); // 随份子 → 随礼
    expect(top('闺女出门子 男方给的彩礼多少算合规')[0]).toBe('第15条'); // 出门子 → 出嫁
    expect(top('过年放炮仗离柴火垛多远')[0]).toBe('第11条'); // 炮仗 → 烟花爆竹, 柴火垛 → 柴草垛
  });

  it('understands phrases split by filler words', () => {
    expect(top('他家鸭子天天跑我田里吃秧')[0]).toBe('第40条'); // 吃…秧 → 毁坏庄稼
    expect(top('上游那家把水都截走了')[0]).toBe('第42条'); // 水…截 → 截留灌溉用水
    expect(top('我男人一喝多了就动手打我')[0]).toBe('第26条');
  });

  it('returns at most k articles, best first', () => {
    expect(rankArticles(xihe, '村里的账多久公开一次', 1).map((a) => a.label)).toEqual(['第45条']);
    expect(top('邻居家的树根把我墙拱裂了 还往我院里排脏水').length).toBeLessThanOrEqual(3);
  });

  it('returns [] when no article fits', () => {
    const chitChat = [
      '今天天气真不错',
      '哈哈哈 收到收到',
      '谁有修摩托车的电话 发我一下',
      '大家中秋节快乐',
      '明天几点开会',
      '感谢村委会的辛苦付出',
      '孩子放假了 去哪玩好',
      '大家晚上好 吃了没',
      '',
    ];
    for (const q of chitChat) {
      expect(top(q), q).toEqual([]);
    }
  });

  it.each([
    ['the demo village', '../../../villages/xihe/村规民约.txt', 'xihe-questions.jsonl'],
    ['a village in 第X章 layout', 'nanling.txt', 'nanling-questions.jsonl'],
    ['a tea-and-tourism village', 'qingxi.txt', 'qingxi-questions.jsonl'],
    ['a village with only 15 articles', 'shiqiao.txt', 'shiqiao-questions.jsonl'],
    // Written blind, before the lexicon and ranking were tuned on their misses (yunling) or at all (liuzhuang).
    [
      'a southern hill village (forest fires, reservoir, homestays, clan halls)',
      'yunling.txt',
      'yunling-questions.jsonl',
    ],
    ['a northern plains village in 一、/第1条/1. layout', 'liuzhuang.txt', 'liuzhuang-questions.jsonl'],
  ])(
    'answers colloquial questions about %s: top-3 ≥ 0.95, top-1 ≥ 0.85, [] for chit-chat',
    (_name, rulesFile, questionsFile) => {
      const rules = parseRules(readFileSync(join(FIXTURES, rulesFile), 'utf8'));
      const rows = readFileSync(join(FIXTURES, questionsFile), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { question: string; articles: string[] });
      const answer = (q: string) => rankArticles(rules, q).map((a) => a.label);
      const answerable = rows.filter((r) => r.articles.length > 0);
      const top3 = answerable.filter((r) => answer(r.question).some((a) => r.articles.includes(a)));
      const top1 = answerable.filter((r) => r.articles.includes(answer(r.question)[0] ?? ''));
      expect(top3.length / answerable.length).toBeGreaterThanOrEqual(0.95);
      expect(top1.length / answerable.length).toBeGreaterThanOrEqual(0.85);
      expect(rows.filter((r) => r.articles.length === 0 && answer(r.question).length > 0).length).toBeLessThanOrEqual(
        1,
      );
    },
  );

  it('keeps most of its answers when residents use words the concept lexicon lacks', () => {
    const concepts = partOfLexicon();
    for (const [rules, questions] of [
      ['nanling.txt', 'nanling-questions.jsonl'],
      ['yunling.txt', 'yunling-questions.jsonl'],
      ['liuzhuang.txt', 'liuzhuang-questions.jsonl'],
      ['shaao.txt', 'shaao-questions.jsonl'],
    ]) {
      const index = new ExcerptIndex(rulesOf(rules!), { concepts });
      const { top1, top3 } = scores((q) => index.rank(q).map((a) => a.label), rowsOf(questions!));
      expect(top1, rules).toBeGreaterThanOrEqual(0.7);
      expect(top3, rules).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("finds the article from the rules' own words when no concept bridges them", () => {
    const index = new ExcerptIndex(rulesOf('shaao.txt'), { concepts: matcherOf(new Map()) });
    const first = (q: string) => index.rank(q).map((a) => a.label)[0];
    expect(first('挡潮的闸门谁都能去开吗')).toBe('第十六条'); // 闸门 → 防潮闸, by its characters
    expect(first('海边那片红树林有人砍了当柴烧')).toBe('第十九条'); // 砍 → 砍伐
    expect(first('门口路边摆个摊卖海鲜可以不')).toBe('第二十条');
    expect(index.rank('下午几点涨潮')).toEqual([]);
  });

  // Written before the ranking was tuned, and not tuned on: the targets for a village it has not seen.
  it('answers a coastal village it was not tuned on: top-1 ≥ 0.75, top-3 ≥ 0.90, [] for 0.8 of what it cannot answer', () => {
    const index = new ExcerptIndex(rulesOf('shaao.txt'));
    const { top1, top3, none } = scores((q) => index.rank(q).map((a) => a.label), rowsOf('shaao-questions.jsonl'));
    expect(top1).toBeGreaterThanOrEqual(0.75);
    expect(top3).toBeGreaterThanOrEqual(0.9);
    expect(none).toBeGreaterThanOrEqual(0.8);
  });

  // 榆树沟 and its 80 questions (half of them unanswerable but sharing words with the rules) were written before the
  // acceptance model and not fitted on; long rules still answer about half of the chance matches.
  it('answers a northeastern village it was not tuned on and gives [] for nearly half of what it cannot answer', () => {
    const index = new ExcerptIndex(rulesOf('yushugou.txt'));
    const { top1, top3, none } = scores((q) => index.rank(q).map((a) => a.label), rowsOf('yushugou-questions.jsonl'));
    expect(top1).toBeGreaterThanOrEqual(0.75);
    expect(top3).toBeGreaterThanOrEqual(0.9);
    expect(none).toBeGreaterThanOrEqual(0.45);
  });

  it('answers [] to most questions no village rules answer, even when they name a topic of the rules', () => {
    const questions = rowsOf('unanswerable.jsonl').map((r) => r.question);
    const villages = [
      xihe,
      ...['nanling', 'qingxi', 'shiqiao', 'yunling', 'liuzhuang', 'shaao'].map((v) => rulesOf(`${v}.txt`)),
    ];
    let answered = 0;
    for (const rules of villages) {
      const here = questions.filter((q) => rankArticles(rules, q).length > 0);
      // Long rules name more topics (猪, 狗, 停电) that small talk names too.
      expect(here.length / questions.length, here.join(' | ')).toBeLessThanOrEqual(0.5);
      answered += here.length;
    }
    expect(answered / (questions.length * villages.length)).toBeLessThanOrEqual(0.25);
  });
});

describe('clearExcerpt', () => {
  it('quotes a custom the rules settle, with or without the word 村规', () => {
    for (const q of ['随份子随多少合适', '村规里随份子随多少合适', '村规民约对随礼有啥说法']) {
      const match = clearExcerpt(xihe, q);
      expect(match?.article.label, q).toBe('第16条');
      expect(match!.clarity).toBeGreaterThanOrEqual(2);
    }
  });

  it('holds back when two articles fit about as well or nothing fits', () => {
    // 办周岁酒 sits between the article on banquets (第13条) and the one on their size (第14条).
    expect(rankArticles(xihe, '三叔家孙子过周岁 摆酒不').length).toBeGreaterThan(0);
    expect(clearExcerpt(xihe, '三叔家孙子过周岁 摆酒不')).toBeUndefined();
    expect(clearExcerpt(xihe, '今天天气真不错')).toBeUndefined();
  });

  it('is clear for most first answers that are right and few that are wrong', () => {
    const rows = rowsOf('xihe-questions.jsonl').filter((r) => r.articles.length > 0);
    const clear = rows.flatMap((r) => {
      const m = clearExcerpt(xihe, r.question);
      return m ? [r.articles.includes(m.article.label)] : [];
    });
    expect(clear.length / rows.length).toBeGreaterThanOrEqual(0.6);
    expect(clear.filter(Boolean).length / clear.length).toBeGreaterThanOrEqual(0.95);
  });
});

// Written for the "nothing fits" round before the decision changed (test/fixtures/calibration/README.md); tuning
// material, unlike test/fixtures/independent.
describe('when no article fits a question that shares words with the rules', () => {
  const CALIBRATION = join(import.meta.dirname, '../fixtures/calibration');
  const calibration = (file: string) => new ExcerptIndex(parseRules(readFileSync(join(CALIBRATION, file), 'utf8')));

  it('answers [] when what the question is about is nowhere in the rules, and still finds the clear article', () => {
    const qinggangping = calibration('qinggangping.txt');
    // 期 of 到期 and 证 of 换证 are in the article on leases; 驾照 and 换证 are nowhere.
    expect(qinggangping.rank('驾照快到期了 换证要体检吗')).toEqual([]);
    expect(qinggangping.rank('晚上有人拿电瓶在河里电鱼')[0]?.label).toBe('第十六条');
    const baimawan = calibration('baimawan.txt');
    expect(baimawan.rank('孩子转学到县城 户口要迁吗')).toEqual([]);
    expect(baimawan.rank('麦秆子能在地头点了不')[0]?.label).toBe('3.');
    const fenglin = calibration('fenglin.txt');
    expect(fenglin.rank('孩子要转学到镇上中心校 找谁')).toEqual([]);
    expect(fenglin.rank('有人跑到我家竹林里挖冬笋')[0]?.label).toBe('山林茶園 第一條');
  });

  it.each([
    ['chapters and 第N条', 'qinggangping'],
    ['a 1.–26. list', 'baimawan'],
    ['traditional characters, numbering again in each section', 'fenglin'],
  ])('keeps its answers on rules in %s and gives [] for half of what they do not answer', (_layout, village) => {
    const index = calibration(`${village}.txt`);
    const rows = readFileSync(join(CALIBRATION, `${village}-questions.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    const { top1, top3, none } = scores((q) => index.rank(q).map((a) => a.label), rows);
    expect(top1).toBeGreaterThanOrEqual(0.9);
    expect(top3).toBeGreaterThanOrEqual(0.93);
    expect(none).toBeGreaterThanOrEqual(0.5);
  });
});
