// 村规民约 excerpts: quality and cost per question, against natural's TF-IDF over jieba words (the baseline
// issue #2 names). Quality is measured on the fixture villages in test/fixtures/rules/ (liuzhuang was never tuned
// on: it is the honest estimate for an unseen village) and, when ../shared exists, on the dongshan dev questions.
// Target: top-3 ≥ 0.85, top-1 ≥ 0.65; ≤ 0.2 ms per question.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segment } from '../src/nlu/segment.js';
import { topicsOf } from '../src/nlu/topics.js';
import { ExcerptIndex } from '../src/rules/excerpt.js';
import { parseRules, type Rules } from '../src/rules/parse.js';

const ROOT = join(import.meta.dirname, '..');
const SETS = [
  {
    name: 'xihe (fixture)',
    rules: 'villages/xihe/村规民约.txt',
    questions: 'test/fixtures/rules/xihe-questions.jsonl',
  },
  {
    name: 'nanling (fixture)',
    rules: 'test/fixtures/rules/nanling.txt',
    questions: 'test/fixtures/rules/nanling-questions.jsonl',
  },
  {
    name: 'shiqiao (fixture)',
    rules: 'test/fixtures/rules/shiqiao.txt',
    questions: 'test/fixtures/rules/shiqiao-questions.jsonl',
  },
  {
    name: 'qingxi (fixture)',
    rules: 'test/fixtures/rules/qingxi.txt',
    questions: 'test/fixtures/rules/qingxi-questions.jsonl',
  },
  {
    name: 'yunling (fixture, tuned on)',
    rules: 'test/fixtures/rules/yunling.txt',
    questions: 'test/fixtures/rules/yunling-questions.jsonl',
  },
  {
    name: 'liuzhuang (fixture, held out)',
    rules: 'test/fixtures/rules/liuzhuang.txt',
    questions: 'test/fixtures/rules/liuzhuang-questions.jsonl',
  },
  {
    name: 'dongshan dev',
    rules: '../shared/villages/dongshan/村规民约.txt',
    questions: '../shared/villages/dongshan/excerpts.dev.jsonl',
  },
  {
    name: 'dongshan, our questions',
    rules: '../shared/villages/dongshan/村规民约.txt',
    questions: 'test/fixtures/rules/dongshan-extra.jsonl',
  },
];

type Row = { question: string; articles: string[] };
type Ranker = (question: string) => string[];

function quality(rank: Ranker, rows: Row[]) {
  let top1 = 0;
  let top3 = 0;
  let rr = 0;
  const answerable = rows.filter((r) => r.articles.length > 0);
  for (const r of answerable) {
    const i = rank(r.question)
      .slice(0, 3)
      .findIndex((a) => r.articles.includes(a));
    if (i === 0) top1++;
    if (i >= 0) {
      top3++;
      rr += 1 / (i + 1);
    }
  }
  const n = answerable.length;
  return { top1: top1 / n, top3: top3 / n, mrr: rr / n };
}

function timing(rank: Ranker, rows: Row[], rounds: number) {
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    for (const r of rows) {
      const t0 = process.hrtime.bigint();
      rank(r.question);
      times.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const total = times.reduce((s, t) => s + t, 0);
  return { p50: at(0.5), p99: at(0.99), perSecond: (times.length / total) * 1e6 };
}

async function naturalRanker(rules: Rules): Promise<Ranker> {
  const { TfIdf } = (await import('natural')).default;
  const tfidf = new TfIdf();
  for (const a of rules.articles) tfidf.addDocument(segment(`${a.chapter} ${a.text}`));
  return (question) =>
    tfidf
      .tfidfs(segment(question))
      .map((score, i) => ({ score, label: rules.articles[i]!.label }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((x) => x.label);
}

export default async function bench(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  let peak = process.memoryUsage().rss;
  for (const set of SETS) {
    const rulesPath = join(ROOT, set.rules);
    if (!existsSync(rulesPath)) continue;
    const questions = readFileSync(join(ROOT, set.questions), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    const t0 = performance.now();
    const rules = parseRules(readFileSync(rulesPath, 'utf8'));
    const index = new ExcerptIndex(rules);
    const buildMs = performance.now() - t0;
    const ours: Ranker = (q) => index.rank(q).map((a) => a.label);
    const natural = await naturalRanker(rules);
    for (const [name, rank] of [
      ['cunbot BM25F + concepts', ours],
      ['natural TfIdf (jieba words)', natural],
    ] as const) {
      // The first pass pays for JIT and lazy loading (jieba, lexicons); a long-running bot has paid it long ago.
      const q = quality(rank, questions);
      const t = timing(rank, questions, 20);
      peak = Math.max(peak, process.memoryUsage().rss);
      rows.push({
        set: `${set.name} (${questions.length} q, ${rules.articles.length} articles)`,
        ranker: name,
        top1: q.top1.toFixed(3),
        top3: q.top3.toFixed(3),
        mrr: q.mrr.toFixed(3),
        'p50 µs': t.p50.toFixed(1),
        'p99 µs': t.p99.toFixed(1),
        'questions/s': Math.round(t.perSecond),
        'parse+index ms': name.startsWith('cunbot') ? buildMs.toFixed(1) : '-',
      });
    }
  }
  console.table(rows);

  const messages = [
    '我家宅基地被邻居占了半米 咋办',
    '老板拖欠工资三个月了 去哪告他',
    '村口路灯坏了好几天了',
    '大家早上好 今天天气不错',
  ];
  topicsOf(messages[0]!);
  const n = 200_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) topicsOf(messages[i % messages.length]!);
  const perMessage = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  console.table([{ function: 'topicsOf', 'µs/message': perMessage.toFixed(2) }]);
  console.log(`peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
}
