// `npm run calibrate`: top-1, top-3 and "[] when nothing fits" of the excerpt finder and the service guide on the
// calibration fixtures (test/fixtures/calibration) and the older fixture villages. Tuning material only: the
// honest estimate is `npm run eval`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExcerptIndex } from '../src/rules/excerpt.js';
import { parseRules } from '../src/rules/parse.js';
import { parseGuide } from '../src/villages/guide.js';
import { GuideIndex } from '../src/villages/guide-index.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fixtures');
const verbose = process.argv.includes('--misses');

type Row = { question: string; articles?: string[]; items?: string[] };
const rowsOf = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);

function report(name: string, rows: Row[], answer: (q: string) => string[]) {
  let answerable = 0;
  let top1 = 0;
  let top3 = 0;
  let none = 0;
  let empty = 0;
  for (const row of rows) {
    const want = row.articles ?? row.items ?? [];
    const got = answer(row.question);
    if (want.length === 0) {
      none++;
      if (got.length === 0) empty++;
      else if (verbose) console.log(`  none  ${row.question} → ${got.join(',')}`);
      continue;
    }
    answerable++;
    if (want.includes(got[0] ?? '')) top1++;
    if (got.some((g) => want.includes(g))) top3++;
    else if (verbose) console.log(`  miss  ${row.question} → ${got.join(',') || '[]'} (want ${want.join(',')})`);
  }
  const f = (a: number, b: number) => (b ? (a / b).toFixed(3) : '  -  ');
  console.log(
    `${name.padEnd(28)} top1 ${f(top1, answerable)} top3 ${f(top3, answerable)} none ${f(empty, none)} (${empty}/${none})`,
  );
}

const rules: Array<[string, string, string]> = [
  ['calibration/qinggangping', 'calibration/qinggangping.txt', 'calibration/qinggangping-questions.jsonl'],
  ['calibration/baimawan', 'calibration/baimawan.txt', 'calibration/baimawan-questions.jsonl'],
  ['calibration/fenglin', 'calibration/fenglin.txt', 'calibration/fenglin-questions.jsonl'],
  ...['nanling', 'qingxi', 'shiqiao', 'yunling', 'liuzhuang', 'shaao', 'yushugou'].map(
    (v): [string, string, string] => [v, `rules/${v}.txt`, `rules/${v}-questions.jsonl`],
  ),
];
for (const [name, text, questions] of rules) {
  const index = new ExcerptIndex(parseRules(readFileSync(join(fixtures, text), 'utf8')));
  report(name, rowsOf(join(fixtures, questions)), (q) => index.rank(q).map((a) => a.label));
}
const xiheRules = new ExcerptIndex(parseRules(readFileSync(join(root, 'villages/xihe/村规民约.txt'), 'utf8')));
report('xihe', rowsOf(join(fixtures, 'rules/xihe-questions.jsonl')), (q) => xiheRules.rank(q).map((a) => a.label));

const guides: Array<[string, string, string]> = [
  ['calibration/shuanghekou', 'calibration/shuanghekou.md', 'calibration/shuanghekou-questions.jsonl'],
  ['calibration/huangtuling', 'calibration/huangtuling.md', 'calibration/huangtuling-questions.jsonl'],
  ['guide/hongliu', 'guide/hongliu.md', 'guide/hongliu-questions.jsonl'],
  ['guide/yanping', 'guide/yanping.md', 'guide/yanping-questions.jsonl'],
];
for (const [name, text, questions] of guides) {
  const index = new GuideIndex(parseGuide(readFileSync(join(fixtures, text), 'utf8')));
  report(name, rowsOf(join(fixtures, questions)), (q) => index.rank(q).map((i) => i.heading));
}
const xiheGuide = new GuideIndex(parseGuide(readFileSync(join(root, 'villages/xihe/办事指南.md'), 'utf8')));
for (const file of ['xihe-questions.jsonl', 'xihe-none-questions.jsonl']) {
  report(`guide/${file}`, rowsOf(join(fixtures, 'guide', file)), (q) => xiheGuide.rank(q).map((i) => i.heading));
}
