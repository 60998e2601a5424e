import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRules } from '../../src/rules/file.js';
import { parseRules, type Rules } from '../../src/rules/parse.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/rules', name), 'utf8');
const labelsOf = (rules: Rules) => rules.articles.map((a) => a.label);
const cn = '一二三四五六七八九十'.split('');

/** One fixture per layout real villages publish, with the labels a resident would quote. */
const LAYOUTS: Array<{ file: string; layout: string; labels: string[]; preamble?: string; closing?: string }> = [
  {
    file: 'list-48.txt',
    preamble: '订立以下规矩',
    closing: '本村规民约自2023年5月1日起施行。',
    layout: 'arabic',
    labels: Array.from({ length: 48 }, (_, i) => `${i + 1}.`),
  },
  {
    file: 'trad-list.txt',
    preamble: '訂立本村規民約',
    closing: '本村規民約自村民會議通過之日起施行',
    layout: 'cn',
    labels: cn.map((c) => `${c}、`),
  },
  {
    file: 'enclosed.txt',
    preamble: '二〇二四年八月',
    closing: '本村规民约自公布之日起施行。',
    layout: 'enclosed',
    labels: ['㈠', '㈡', '㈢', '㈣', '㈤', '㈥', '㈦', '㈧'],
  },
  {
    file: 'trad-sections.txt',
    closing: '竹坑村村民委員會',
    layout: 'article',
    labels: [
      '第一條',
      '第二條',
      ...['第一條', '第二條', '第三條', '第四條', '第五條'].map((l) => `村民行為規范 ${l}`),
      '環境衛生 第一條',
      '環境衛生 第二條',
      '附則 第一條',
      '附則 第二條',
    ],
  },
  {
    file: 'runon-web.txt',
    preamble: '制定本村规民约',
    closing: '松岗村村民委员会',
    layout: 'article',
    labels: ['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条'],
  },
  {
    file: 'sections-restart.txt',
    preamble: '请全体村民遵守以下规定',
    closing: '以上村规民约经村民代表会议通过',
    layout: 'arabic',
    labels: [
      '1.',
      '2.',
      '二、消防安全 1.',
      '二、消防安全 2.',
      '二、消防安全 3.',
      '三、环境卫生 1．',
      '三、环境卫生 2．',
      '四、移风易俗 １.',
      '四、移风易俗 ２.',
    ],
  },
  {
    file: 'sections-runon.txt',
    preamble: '制定本村规民约',
    closing: '本村规民约自村民代表会议通过之日起施行。',
    layout: 'arabic',
    labels: ['1.', '2.', '3.', '4.', '5.', '6.', '7.'],
  },
  {
    file: 'paragraphs.txt',
    preamble: '制定本公约',
    closing: '本公约自村民会议通过之日起施行。',
    layout: 'paragraph',
    labels: ['第1段', '第2段', '第3段', '第4段', '第5段'],
  },
  {
    file: 'chapters-items.txt',
    closing: '柳塘村村民委员会',
    layout: 'article',
    labels: ['第１条', '第２条', '第３条', '第４条', '第５条'],
  },
];

describe('every published layout loads with the labels the rules write', () => {
  for (const { file, layout, labels, preamble, closing } of LAYOUTS) {
    it(`${file}: ${labels.length} articles ${labels.slice(0, 3).join(' ')} … ${labels.at(-1)}`, () => {
      const rules = parseRules(fixture(file));
      expect(rules.layout.article).toBe(layout);
      expect(labelsOf(rules)).toEqual(labels);
      expect(rules.warnings).toEqual([]);
      // The preamble and the closing are kept, and in no article.
      for (const [part, words] of [
        [rules.preamble, preamble],
        [rules.closing, closing],
      ] as const) {
        if (!words) continue;
        expect(part).toContain(words);
        for (const a of rules.articles) expect(a.text).not.toContain(words);
      }
    });
  }

  it('reads every layout the same with a BOM, CRLF, indents and tabs', () => {
    for (const { file, labels } of LAYOUTS) {
      const ugly = `\uFEFF${fixture(file)
        .split('\n')
        .map((l, i) => (i % 2 ? `\u3000\u3000${l}` : `\t ${l}  `))
        .join('\r\n')}`;
      expect(labelsOf(parseRules(ugly)), file).toEqual(labels);
    }
  });

  it('reads the same articles when a web page ran every line together', () => {
    const pasted = ['list-48.txt', 'trad-list.txt', 'enclosed.txt', 'sections-restart.txt', 'chapters-items.txt'];
    for (const file of [...pasted, 'yunling.txt', 'liuzhuang.txt']) {
      const text = fixture(file);
      const runOn = text
        .split('\n')
        .map((l) => l.trim())
        .join('');
      expect(labelsOf(parseRules(runOn)), file).toEqual(labelsOf(parseRules(text)));
    }
  });

  it('reads a file saved as GBK or as UTF-16 like the UTF-8 one', () => {
    const text = fixture('trad-sections.txt');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(labelsOf(parseRules(decodeRules(utf16, 'x.txt')))).toEqual(LAYOUTS[3]!.labels);
    // 第一条 村民应当守法。 / 第二条 不得赌博。 in GB18030 bytes, as Chinese Windows saves it.
    const gbk = Buffer.from('b5dad2bbccf520b4e5c3f1d3a6b5b1cad8b7a8a1a30ab5dab6feccf520b2bbb5c3b6c4b2a9a1a30a', 'hex');
    const rules = parseRules(decodeRules(gbk, 'x.txt'));
    // One bad byte in a UTF-8 file (a truncated copy) does not turn the file into GBK.
    const damaged = Buffer.concat([
      Buffer.from('第一条 村民应当守法。\n'),
      Buffer.from([0xe6]),
      Buffer.from('\n第二条 不得赌博。'),
    ]);
    expect(labelsOf(parseRules(decodeRules(damaged, 'x.txt')))).toEqual(['第一条', '第二条']);
    expect(rules.articles.map((a) => [a.label, a.text])).toEqual([
      ['第一条', '村民应当守法。'],
      ['第二条', '不得赌博。'],
    ]);
  });
});

describe('what is not an article', () => {
  it('keeps the title, date line, preamble and closing out of a 1.…48. list, and reads ① items inside', () => {
    const rules = parseRules(fixture('list-48.txt'));
    expect(rules.title).toBe('桃溪村村规民约');
    expect(rules.preamble).toMatch(/^2023年4月16日村民代表会议通过\n为了让桃溪村/);
    expect(rules.closing).toBe('本村规民约自2023年5月1日起施行。\n桃溪村村民委员会\n2023年4月16日');
    expect(rules.articles.at(-1)!.text).toBe('本规矩由村民委员会负责解释，村务监督委员会负责监督执行。');
    expect(rules.articles[4]!.items.map((i) => i.label)).toEqual(['①', '②', '③']);
    expect(rules.articles[4]!.items[0]!.text).toBe('出示身份证件；');
  });

  it('gives ㈠ blocks their unnumbered lines, even short ones without a full stop', () => {
    const rules = parseRules(fixture('enclosed.txt'));
    expect(rules.chapters).toEqual([]);
    expect(rules.articles[1]!.text.split('\n')).toEqual([
      '消防安全',
      '不在屋里给电动车充电，不私拉电线。',
      '柴草堆离开住房和灶台',
      '山林防火期内不准上山用火，上坟不烧纸。',
    ]);
    expect(rules.articles[6]!.text).toContain('独居老人由邻居和网格员常去看看');
    expect(rules.closing).toBe('本村规民约自公布之日起施行。');
  });

  it('drops the title a PDF repeats at the top of each page', () => {
    const rules = parseRules('东坡村村规民约\n第一条 不得赌博。\n第 1 页\n东坡村村规民约\n第二条 不得偷盗。');
    expect(rules.chapters).toEqual([]);
    expect(rules.articles.map((a) => a.text)).toEqual(['不得赌博。', '不得偷盗。']);
  });

  it('reads bare section headings in traditional characters, with page furniture dropped', () => {
    const rules = parseRules(fixture('trad-sections.txt'));
    expect(rules.chapters.map((c) => [c.title, c.articles.length])).toEqual([
      ['總 則', 2],
      ['村民行為規范', 5],
      ['環境衛生', 2],
      ['附 則', 2],
    ]);
    expect(rules.articles[2]!.chapter).toBe('村民行為規范');
    expect(rules.articles.map((a) => a.text).join('')).not.toMatch(/页|發布時間/);
    expect(rules.closing).toBe('竹坑村村民委員會\n二〇二二年三月十八日');
  });

  it('splits a run-on web paste at articles after a full stop or a heading word, not at references', () => {
    const rules = parseRules(fixture('runon-web.txt'));
    expect(rules.title).toBe('松岗村村规民约');
    expect(rules.preamble).toContain('制定本村规民约.');
    expect(rules.chapters.map((c) => c.title)).toEqual(['总则', '林地管理', '水利管理']);
    const [, , third, fourth] = rules.articles;
    expect(third!.text).toContain('三要勤俭节约，不要大操大办'); // the "1/ 12" page counter is gone
    expect(fourth!.text).toMatch(/^全村林地由村委会统一规划.*违反第四条规定的，由村委会责令恢复原状。$/);
    expect(rules.articles[5]!.text).toContain('按第六条处理仍不改正的');
  });

  it('reads "一、社会治安" lines as sections over their "1." articles, and the 以上…执行 line as closing', () => {
    const rules = parseRules(fixture('sections-restart.txt'));
    expect(rules.chapters.map((c) => `${c.label}${c.title}`)).toEqual([
      '一、社会治安',
      '二、消防安全',
      '三、环境卫生',
      '四、移风易俗',
    ]);
    expect(rules.preamble).toBe('请全体村民遵守以下规定：');
    expect(rules.closing).toMatch(/^以上村规民约经村民代表会议通过，自2025年1月1日起执行。/);
    expect(rules.articles.at(-1)!.text).toBe('提倡喜事新办，不攀比、不铺张。');
  });

  it('splits sections and articles run together on one line each', () => {
    const rules = parseRules(fixture('sections-runon.txt'));
    expect(rules.chapters.map((c) => [c.title, c.articles.map((a) => a.label)])).toEqual([
      ['社会治安', ['1.', '2.', '3.']],
      ['公共设施', ['4.', '5.']],
      ['村风民俗', ['6.', '7.']],
    ]);
    expect(rules.preamble).toBe('为了维护本村治安和生产生活秩序，经村民代表讨论通过，制定本村规民约。');
    expect(rules.closing).toBe('本村规民约自村民代表会议通过之日起施行。');
  });

  it('reads a text with no numbering as paragraphs, joining lines wrapped mid-sentence', () => {
    const rules = parseRules(fixture('paragraphs.txt'));
    expect(rules.title).toBe('小河湾村村民公约');
    expect(rules.preamble).toContain('制定本公约');
    expect(rules.articles[0]!.text).toBe(
      '全村老少要孝敬父母、爱护子女，家里有矛盾关起门来好好商量，实在说不通的，请村里的调解员来帮忙。',
    );
    expect(rules.closing).toBe('本公约自村民会议通过之日起施行。');
  });

  it('reads full- and half-width item marks inside an indented 第１条', () => {
    const rules = parseRules(fixture('chapters-items.txt'));
    expect(rules.title).toBe('柳塘村村规民约');
    expect(rules.articles[2]!.items.map((i) => i.label)).toEqual(['1．', '2．', '3.', '4、']);
    expect(rules.closing).toBe('柳塘村村民委员会\n二〇二五年一月');
  });
});

describe('which numbered level is the article', () => {
  it('（一） lines are the articles under 一、 headings, and their labels restart with the heading', () => {
    const rules = parseRules(
      '村规民约\n一、社会治安\n（一）不得赌博。\n（二）不得偷盗。\n二、消防安全\n（一）不得在屋里充电。\n（二）不得烧荒。',
    );
    expect(labelsOf(rules)).toEqual(['（一）', '（二）', '二、消防安全 （一）', '二、消防安全 （二）']);
  });

  it('（一） items inside 第N条 stay items, and 一、 lines that hold sentences are the articles', () => {
    const articles = parseRules('第一条 村民应当：\n（一）守法；\n（二）爱护环境。\n第二条 不得赌博。').articles;
    expect(articles.map((a) => [a.label, a.items.map((i) => i.label)])).toEqual([
      ['第一条', ['（一）', '（二）']],
      ['第二条', []],
    ]);
    const list = parseRules('一、村民应当做到：\n1. 守法；\n2. 爱护环境。\n二、不得赌博。\n三、不得偷盗。');
    expect(list.articles.map((a) => [a.label, a.items.map((i) => i.label)])).toEqual([
      ['一、', ['1.', '2.']],
      ['二、', []],
      ['三、', []],
    ]);
  });

  it('keeps labels unique when numbering restarts without a heading', () => {
    const rules = parseRules('第一条 不得赌博。\n第二条 不得偷盗。\n第一条 不得烧荒。\n第二条 不得电鱼。');
    expect(labelsOf(rules)).toEqual(['第一条', '第二条', '第2部分 第一条', '第2部分 第二条']);
  });

  it('reads a page break that repeats a lower list number as part of the article, not a new one', () => {
    const rules = parseRules('1. 不得赌博。\n2. 不得斗殴。\n3. 严禁非法生产、\n2、运输爆炸物品。\n4. 不得偷盗。');
    expect(labelsOf(rules)).toEqual(['1.', '2.', '3.', '4.']);
    expect(rules.articles[2]!.text).toBe('严禁非法生产、\n2、运输爆炸物品。');
  });

  it('takes 一、 lines as the sections of a 第N條 text, whose numbering restarts in each', () => {
    const rules = parseRules(
      '某某村村規民約\n一、總則\n第一條：為了加強村民自治，制定本規約。\n第二條、本規約適用於全體村民。\n' +
        '二、社會治安\n第一條 嚴禁賭博。\n第二條 嚴禁偷盜。\n三、附 則\n第一條 本規約自通過之日起施行。',
    );
    expect(rules.articles.map((a) => [a.label, a.text])).toEqual([
      ['第一條', '為了加強村民自治，制定本規約。'],
      ['第二條', '本規約適用於全體村民。'],
      ['二、社會治安 第一條', '嚴禁賭博。'],
      ['二、社會治安 第二條', '嚴禁偷盜。'],
      ['三、附則 第一條', '本規約自通過之日起施行。'],
    ]);
  });

  it('reads a heading ending in a colon, and a first line that heads the first section rather than titling', () => {
    const rules = parseRules('社会治安：\n1、不得赌博。\n2、不得偷盗。\n消防安全：\n1、不得烧荒。');
    expect(rules.title).toBe('');
    expect(rules.chapters.map((c) => c.title)).toEqual(['社会治安', '消防安全']);
    expect(labelsOf(rules)).toEqual(['1、', '2、', '消防安全 1、']);
  });

  it('leaves a heading with no article under it, and the closing below it, out of the sections', () => {
    const rules = parseRules(
      '一、社会治安\n（一）不得赌博。\n（二）不得偷盗。\n二、消防安全\n（三）不得烧荒。\n三、附则\n本村规民约自公布之日起施行。',
    );
    expect(rules.chapters.map((c) => c.title)).toEqual(['社会治安', '消防安全']);
    expect(labelsOf(rules)).toEqual(['（一）', '（二）', '（三）']);
    expect(rules.closing).toBe('本村规民约自公布之日起施行。');
  });

  it('in articles that run over several lines, takes a short line as a heading only when it reads as one', () => {
    const rules = parseRules(
      '第一条 村民应当遵守法律，\n不得赌博，\n不得偷盗。\n环境卫生\n第二条 垃圾入桶，\n不往河里倒。\n' +
        '不乱倒垃圾\n第三条 畜禽圈养，\n粪便及时清理。',
    );
    expect(rules.chapters.map((c) => [c.title, c.articles.map((a) => a.label)])).toEqual([
      ['环境卫生', ['第二条', '第三条']],
    ]);
    expect(rules.articles[1]!.text).toBe('垃圾入桶，\n不往河里倒。\n不乱倒垃圾');
  });

  it('takes a （一） line between 第N条 articles as a sub-heading, but not the last item of a list', () => {
    const rules = parseRules('一、总则\n第一条 甲。\n二、细则\n（一）社会治安\n第二条 乙。\n（二）消防\n第三条 丙。');
    expect(rules.articles.map((a) => [a.label, a.chapter, a.text])).toEqual([
      ['第一条', '总则', '甲。'],
      ['第二条', '社会治安', '乙。'],
      ['第三条', '消防', '丙。'],
    ]);
    const items = parseRules('第五条 村民应当：\n（一）守法\n（二）爱护环境\n第六条 不得赌博。').articles[0]!;
    expect(items.items.map((i) => i.text)).toEqual(['守法', '爱护环境']);
  });

  it('reads a wordy heading with no article under it as an article of its own, or as the closing', () => {
    const rules = parseRules(
      '一、社会治安\n1. 不得赌博。\n2. 不得偷盗。\n二、消防安全\n3. 不得烧荒。\n' +
        '三、其他：村民之间借钱应写借条。\n四、附则：本村规民约自公布之日起施行。',
    );
    expect(rules.articles.map((a) => [a.label, a.chapter])).toEqual([
      ['1.', '社会治安'],
      ['2.', '社会治安'],
      ['3.', '消防安全'],
      ['三、', '其他'],
    ]);
    expect(rules.closing).toBe('四、附则：本村规民约自公布之日起施行。');
    expect(rules.warnings).toEqual([]);
  });

  it('gives a list section written without numbered articles its lines as one article', () => {
    const rules = parseRules(
      '㈠社会治安\n1、不得赌博。\n2、不得偷盗。\n㈡消防安全\n不准烧荒。\n不准在屋里充电。\n㈢环境卫生\n3、垃圾入桶。',
    );
    expect(rules.articles.map((a) => [a.label, a.chapter, a.text])).toEqual([
      ['1、', '社会治安', '不得赌博。'],
      ['2、', '社会治安', '不得偷盗。'],
      ['㈡', '消防安全', '不准烧荒。\n不准在屋里充电。'],
      ['3、', '环境卫生', '垃圾入桶。'],
    ]);
  });

  it('reads marks behind bullets, markdown and brackets as a web page or an editor writes them', () => {
    const rules = parseRules('## 第一章 总则\n**第一条** 不得赌博。\n● 第二条 不得偷盗。\n【第三条】不得烧荒。');
    expect(rules.chapters.map((c) => c.title)).toEqual(['总则']);
    expect(rules.articles.map((a) => [a.label, a.text])).toEqual([
      ['第一条', '不得赌博。'],
      ['第二条', '不得偷盗。'],
      ['第三条', '不得烧荒。'],
    ]);
  });
});
