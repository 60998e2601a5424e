import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { understand } from '../src/nlu/index.js';
import { parseRules } from '../src/rules/parse.js';
import { PassageIndex } from '../src/rules/rank.js';
import { parseGuide } from '../src/villages/guide.js';

const root = '/work/wt/none-calib';
const fx = join(root, 'test/fixtures');
type Row = { question: string; articles?: string[]; items?: string[] };
const rowsOf = (f: string): Row[] => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const sets: Array<[string, 'rules' | 'guide', string, string]> = [
  ['cal-qgp', 'rules', 'calibration/qinggangping.txt', 'calibration/qinggangping-questions.jsonl'],
  ['cal-bmw', 'rules', 'calibration/baimawan.txt', 'calibration/baimawan-questions.jsonl'],
  ['cal-fl', 'rules', 'calibration/fenglin.txt', 'calibration/fenglin-questions.jsonl'],
  ...['nanling', 'qingxi', 'shiqiao', 'yunling', 'liuzhuang', 'shaao', 'yushugou'].map((v): [string, 'rules', string, string] => [v, 'rules', `rules/${v}.txt`, `rules/${v}-questions.jsonl`]),
  ['xihe', 'rules', '../../villages/xihe/村规民约.txt', 'rules/xihe-questions.jsonl'],
  ['cal-shk', 'guide', 'calibration/shuanghekou.md', 'calibration/shuanghekou-questions.jsonl'],
  ['cal-htl', 'guide', 'calibration/huangtuling.md', 'calibration/huangtuling-questions.jsonl'],
  ['g-hongliu', 'guide', 'guide/hongliu.md', 'guide/hongliu-questions.jsonl'],
  ['g-yanping', 'guide', 'guide/yanping.md', 'guide/yanping-questions.jsonl'],
  ['g-xihe', 'guide', '../../villages/xihe/办事指南.md', 'guide/xihe-questions.jsonl'],
  ['g-xihe-none', 'guide', '../../villages/xihe/办事指南.md', 'guide/xihe-none-questions.jsonl'],
];
for (const [name, kind, text, qs] of sets) {
  const raw = readFileSync(join(fx, text), 'utf8');
  let index: PassageIndex;
  let labels: string[];
  if (kind === 'rules') {
    const r = parseRules(raw);
    labels = r.articles.map((a) => a.label);
    index = new PassageIndex(r.articles.map((a) => ({ text: a.text, heading: a.chapter })), { headingWeight: 0.4, chatPenalty: 1.5, minAcceptance: 0.04, context: [r.title, r.preamble, r.closing].join('\n') });
  } else {
    const g = parseGuide(raw);
    labels = g.items.map((i) => i.heading);
    index = new PassageIndex(g.items.map((i) => ({ text: i.text, heading: i.heading })), { headingWeight: 1, headingField: 0.6, chatPenalty: 2, minAcceptance: 0.15, context: [g.title, g.preamble].join('\n') });
  }
  for (const row of rowsOf(join(fx, qs))) {
    const want = row.articles ?? row.items ?? [];
    const u = understand(row.question).scores; const chat = u.other; const svc = u.service_request;
    const { matches, evidence } = index.judge(row.question, 3, chat);
    const got = matches.map((m) => labels[m.doc]!);
    console.log(JSON.stringify({ set: name, kind, q: row.question, none: want.length === 0, right1: want.includes(got[0] ?? ''), right3: got.some((g) => want.includes(g)), any: got.length > 0, ev: evidence ? { ...evidence, svc } : null }));
  }
}
