import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cunbot, ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/rules');
const scratch = mkdtempSync(join(tmpdir(), 'cunbot-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cunbot rules check', () => {
  it('prints each article with its first words, the sections, and what is not an article', () => {
    const { status, stdout } = cunbot(['rules', 'check', join(FIXTURES, 'trad-sections.txt')]);
    expect(status).toBe(0);
    expect(stdout).toContain('读法：以“第N条”为条文，共 11 条');
    expect(stdout).toMatch(/分节（4）：\n {2}總 則（2 条）\n {2}村民行為規范（5 条）/);
    expect(stdout).toMatch(/\n {2}村民行為規范 第一條 {2}全體村民要自覺學法、守法/);
    expect(stdout).toContain('结尾（不算条文）：竹坑村村民委員會 二〇二二年三月十八日');
    expect(stdout).toContain('没有发现问题。');
  });

  it('takes a village folder for its 村规民约.txt', () => {
    const { status, stdout } = cunbot(['rules', 'check', join(ROOT, 'villages/xihe')]);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^文件：.*villages\/xihe\/村规民约\.txt\n标题：西河村村规民约\n读法：以“第N条”为条文，共 56 条/,
    );
  });

  it('says when the reading looks wrong: no numbering, one article swallowing the text', () => {
    const unnumbered = cunbot(['rules', 'check', join(FIXTURES, 'paragraphs.txt')]);
    expect(unnumbered.status).toBe(0);
    expect(unnumbered.stdout).toContain('请检查：\n  - 没有找到条文编号，按 5 个段落读取');

    const merged = join(scratch, 'merged.txt');
    writeFileSync(
      merged,
      `第一条 不得赌博。\n第二条 ${'村民应当爱护环境，不乱倒垃圾。'.repeat(80)}\n第三条 不得偷盗。\n`,
    );
    const { stdout } = cunbot(['rules', 'check', merged]);
    expect(stdout).toMatch(/第二条 占了全文的 \d+%/);
  });

  it('exits 2 with a clear message for a missing, empty or Word file, and for a wrong call', () => {
    const missing = cunbot(['rules', 'check', join(scratch, 'none.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('none.txt: cannot read it (no such file)');

    const empty = join(scratch, 'empty.txt');
    writeFileSync(empty, '\n \n');
    expect(cunbot(['rules', 'check', empty]).stderr).toContain('empty.txt: the file is empty');

    const word = join(scratch, 'rules.docx');
    writeFileSync(word, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    const docx = cunbot(['rules', 'check', word]);
    expect(docx.status).toBe(2);
    expect(docx.stderr).toContain('this is a Word (or other office) file — save it as plain text (.txt)');

    const noFile = cunbot(['rules', 'check']);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('usage: cunbot rules check FILE');
  });
});

/** A question per layout whose answer is plain from the fixture's text. */
const ASKED: Array<[file: string, question: string, label: string]> = [
  ['list-48.txt', '电动车能不能在堂屋里充电', '6.'],
  ['trad-list.txt', '鄰居吵架了找誰調解', '七、'],
  ['enclosed.txt', '彩礼要多少', '㈣'],
  ['trad-sections.txt', '垃圾能倒進池塘嗎', '環境衛生 第一條'],
  ['runon-web.txt', '自己家用的木材能随便砍吗', '第五条'],
  ['sections-restart.txt', '电动车能进屋充电吗', '二、消防安全 1.'],
  ['sections-runon.txt', '有人偷东西怎么办', '3.'],
  ['paragraphs.txt', '酒席能摆几桌', '第4段'],
  ['chapters-items.txt', '邻居挪了我家界桩', '第４条'],
];

describe('cunbot excerpt on every layout: never refuses the text, answers with labels as the rules write them', () => {
  for (const [file, question, label] of ASKED) {
    it(`${file}: "${question}" → ${label}`, () => {
      const { status, stdout, stderr } = cunbot(
        ['excerpt', '--rules', join(FIXTURES, file)],
        `${JSON.stringify({ id: file, question })}\n`,
      );
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(JSON.parse(stdout).articles).toContain(label);
    });
  }
});
