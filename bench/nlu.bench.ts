// Understanding a message: cost per message of `understand` (normalise, segment, classify, urgency, policy) and
// of 村规民约 excerpt ranking, beside the natural baselines issue #2 names, in the same process: natural's
// BayesClassifier on jieba words for intents, natural's TfIdf for excerpts. When ../shared exists, also the
// dev-set quality of both classifiers, trained on the same intents/*.jsonl. Target: ≤ 0.2 ms per message, p99 ≤ 1 ms.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExamples } from '../src/nlu/data.js';
import { understand, warmUp } from '../src/nlu/index.js';
import { normalize } from '../src/nlu/normalize.js';
import { segment } from '../src/nlu/segment.js';
import { INTENTS } from '../src/nlu/types.js';
import { rankArticles } from '../src/rules/excerpt.js';
import { parseRules } from '../src/rules/parse.js';

const ROOT = join(import.meta.dirname, '..');
const DEV = join(ROOT, '..', 'shared', 'corpus', 'dev.jsonl');
const RULES = join(ROOT, 'villages', 'xihe', '村规民约.txt');
const QUESTIONS = join(ROOT, 'test', 'fixtures', 'rules', 'xihe-questions.jsonl');

type Timing = { perSecond: number; p50: number; p99: number };

function time(inputs: string[], fn: (s: string) => unknown, rounds: number): Timing {
  for (const s of inputs) fn(s);
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    for (const s of inputs) {
      const t0 = process.hrtime.bigint();
      fn(s);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { perSecond: times.length / (times.reduce((a, b) => a + b, 0) / 1000), p50: at(0.5), p99: at(0.99) };
}

/**
 * `cunbot classify` as score.mjs runs it, start-up excluded: the best of three runs over `lines` minus the best of
 * three over one line, per line. Wall time, so a busy machine inflates it; the best run is the least disturbed.
 */
function cliMsPerLine(lines: string[]): number {
  const cli = join(ROOT, 'bin', 'cunbot.js');
  const best = (input: string) => {
    let ms = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [cli, 'classify'], { input, maxBuffer: 256 << 20 });
      if (run.status !== 0) throw new Error(`cunbot classify exited ${run.status}: ${run.stderr}`);
      ms = Math.min(ms, performance.now() - t0);
    }
    return ms;
  };
  return (best(lines.join('\n')) - best(lines[0]!)) / (lines.length - 1);
}

function heapMiB(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function scores(predict: (text: string) => string, rows: Array<{ text: string; intent: string }>) {
  let correct = 0;
  let f1 = 0;
  const predicted = rows.map((r) => predict(r.text));
  predicted.forEach((p, i) => {
    if (p === rows[i]!.intent) correct++;
  });
  for (const intent of INTENTS) {
    const tp = predicted.filter((p, i) => p === intent && rows[i]!.intent === intent).length;
    const fp = predicted.filter((p, i) => p === intent && rows[i]!.intent !== intent).length;
    const fn = predicted.filter((p, i) => p !== intent && rows[i]!.intent === intent).length;
    f1 += (2 * tp) / Math.max(1, 2 * tp + fp + fn);
  }
  return { accuracy: correct / rows.length, macroF1: f1 / INTENTS.length };
}

export default async function bench(): Promise<void> {
  const examples = loadExamples();
  const texts = examples.map((e) => e.text);
  const questions = readFileSync(QUESTIONS, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { question: string }).question);
  const rules = parseRules(readFileSync(RULES, 'utf8'));

  const rssStart = process.memoryUsage().rss;
  const heapStart = heapMiB();
  let t0 = performance.now();
  warmUp();
  rankArticles(rules, questions[0]!);
  const oursLoadMs = performance.now() - t0;
  const oursHeap = heapMiB() - heapStart;
  const oursRss = (process.memoryUsage().rss - rssStart) / 2 ** 20;

  const heapBeforeNatural = heapMiB();
  const rssBeforeNatural = process.memoryUsage().rss;
  t0 = performance.now();
  const natural = (await import('natural')).default;
  const bayes = new natural.BayesClassifier();
  for (const e of examples) bayes.addDocument(segment(normalize(e.text)), e.intent);
  bayes.train();
  const tfidf = new natural.TfIdf();
  for (const a of rules.articles) tfidf.addDocument(segment(normalize(`${a.chapter} ${a.text}`)));
  const naturalLoadMs = performance.now() - t0;
  const naturalHeap = heapMiB() - heapBeforeNatural;
  const naturalRss = (process.memoryUsage().rss - rssBeforeNatural) / 2 ** 20;

  const naturalClassify = (text: string) => bayes.classify(segment(normalize(text)));
  const naturalExcerpt = (q: string) =>
    tfidf
      .tfidfs(segment(normalize(q)))
      .map((score, i) => ({ score, i }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);

  const rows = [
    { task: 'classify', ours: time(texts, (t) => understand(t), 5), theirs: time(texts, naturalClassify, 5) },
    {
      task: 'excerpt',
      ours: time(questions, (q) => rankArticles(rules, q), 50),
      theirs: time(questions, naturalExcerpt, 50),
    },
  ];
  console.table(
    rows.flatMap(({ task, ours, theirs }) => [
      {
        task,
        engine: 'cunbot',
        'messages/s': Math.round(ours.perSecond),
        'mean ms': (1000 / ours.perSecond).toFixed(3),
        'p50 ms': ours.p50.toFixed(3),
        'p99 ms': ours.p99.toFixed(3),
        'speed ratio': (ours.perSecond / theirs.perSecond).toFixed(2),
      },
      {
        task,
        engine: 'natural',
        'messages/s': Math.round(theirs.perSecond),
        'mean ms': (1000 / theirs.perSecond).toFixed(3),
        'p50 ms': theirs.p50.toFixed(3),
        'p99 ms': theirs.p99.toFixed(3),
        'speed ratio': '1.00',
      },
    ]),
  );
  const lines = [...texts, ...texts, ...texts].map((text, i) => JSON.stringify({ id: i, text, mentioned: false }));
  console.log(
    `cunbot classify (CLI, start-up excluded, ${lines.length} lines): ${cliMsPerLine(lines).toFixed(3)} ms a message`,
  );
  console.table([
    {
      engine: 'cunbot (model, jieba, lexicons, excerpt index)',
      'load ms': oursLoadMs.toFixed(0),
      'heap MiB': oursHeap.toFixed(1),
      'RSS MiB': oursRss.toFixed(1),
    },
    {
      engine: 'natural (import, Bayes training, TfIdf)',
      'load ms': naturalLoadMs.toFixed(0),
      'heap MiB': naturalHeap.toFixed(1),
      'RSS MiB': naturalRss.toFixed(1),
    },
  ]);
  console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (both engines loaded)`);

  if (existsSync(DEV)) {
    const dev = readFileSync(DEV, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; intent: string });
    const ours = scores((t) => understand(t).intent, dev);
    const theirs = scores(naturalClassify, dev);
    console.table([
      { classifier: 'cunbot softmax regression', accuracy: ours.accuracy.toFixed(3), macroF1: ours.macroF1.toFixed(3) },
      {
        classifier: 'natural BayesClassifier (jieba words)',
        accuracy: theirs.accuracy.toFixed(3),
        macroF1: theirs.macroF1.toFixed(3),
      },
    ]);
  } else {
    console.log('../shared is absent: dev-set quality skipped');
  }
}
