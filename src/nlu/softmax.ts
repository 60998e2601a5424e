import type { Features } from './features.js';
import { type RowTable, rowOf, rowTable } from './table.js';

/** A trained multinomial logistic regression: one weight row per feature, one column per class. */
export interface LinearModel {
  classes: string[];
  bias: number[];
  weights: Record<string, number[]>;
  /** Divides the logits before the softmax; fitted so the probabilities match held-out accuracy. */
  temperature: number;
}

export interface TrainOptions {
  /** L2 penalty per weight; larger generalises more and fits less. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Features seen in fewer training texts are dropped: they are names, numbers and typos. */
  minCount: number;
}

// Chosen by 5-fold cross-validation on intents/*.jsonl (npm run train prints it): weaker L2 kept improving
// macro-F1 down to about 1e-5; the urgency model keeps a little more, as smoother scores serve its threshold.
export const INTENT_TRAIN: TrainOptions = { l2: 5e-6, iterations: 150, learningRate: 0.05, minCount: 2 };
export const URGENT_TRAIN: TrainOptions = { l2: 1e-5, iterations: 150, learningRate: 0.05, minCount: 2 };

/**
 * Full-batch Adam on the softmax cross-entropy with L2. Full batches make training deterministic (the committed
 * model is reproducible) and, on a few thousand sparse texts, take a second or two.
 */
export function trainLinear(docs: Features[], labels: number[], classes: string[], opts: TrainOptions): LinearModel {
  const C = classes.length;
  const counts = new Map<string, number>();
  for (const d of docs) for (const f of d.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts].filter(([, n]) => n >= opts.minCount).map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = docs.map((d) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of d) {
      const i = index.get(f);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx, val };
  });

  const P = vocab.length * C + C;
  const w = new Float64Array(P);
  const g = new Float64Array(P);
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const biasAt = vocab.length * C;
  const logits = new Float64Array(C);
  const N = docs.length;
  const b1 = 0.9;
  const b2 = 0.999;

  for (let t = 1; t <= opts.iterations; t++) {
    g.fill(0);
    for (let n = 0; n < N; n++) {
      const { idx, val } = rows[n]!;
      for (let c = 0; c < C; c++) logits[c] = w[biasAt + c]!;
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * C;
        const x = val[k]!;
        for (let c = 0; c < C; c++) logits[c]! += w[base + c]! * x;
      }
      softmaxInPlace(logits);
      const y = labels[n]!;
      for (let c = 0; c < C; c++) {
        const err = (logits[c]! - (c === y ? 1 : 0)) / N;
        g[biasAt + c]! += err;
        for (let k = 0; k < idx.length; k++) g[idx[k]! * C + c]! += err * val[k]!;
      }
    }
    const lr = (opts.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let p = 0; p < P; p++) {
      const grad = g[p]! + (p < biasAt ? opts.l2 * w[p]! : 0);
      m[p] = b1 * m[p]! + (1 - b1) * grad;
      v[p] = b2 * v[p]! + (1 - b2) * grad * grad;
      w[p]! -= (lr * m[p]!) / (Math.sqrt(v[p]!) + 1e-8);
    }
  }

  const weights: Record<string, number[]> = {};
  vocab.forEach((f, i) => {
    const row = Array.from(w.subarray(i * C, i * C + C), round);
    if (row.some((x) => x !== 0)) weights[f] = row;
  });
  return { classes, bias: Array.from(w.subarray(biasAt), round), weights, temperature: 1 };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const x of z) if (x > max) max = x;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}

/**
 * Linear models over the same features laid out for scoring in one pass: one lookup per feature finds its weights
 * for every class of every model, side by side in one flat array (a Map of 20,000 typed rows, looked up once per
 * model, cost twice the lookups and a pointer chase each). Single precision: the weights are rounded to 1e-4.
 */
export interface Scorer {
  rows: RowTable;
  width: number;
  weights: Float32Array;
  bias: Float64Array;
}

export function scorerOf(models: LinearModel[]): Scorer {
  const width = models.reduce((n, m) => n + m.classes.length, 0);
  const index = new Map<string, number>();
  for (const m of models) for (const f of Object.keys(m.weights)) if (!index.has(f)) index.set(f, index.size);
  const weights = new Float32Array(index.size * width);
  let offset = 0;
  for (const m of models) {
    for (const [f, row] of Object.entries(m.weights)) weights.set(row, index.get(f)! * width + offset);
    offset += m.classes.length;
  }
  return { rows: rowTable([...index.keys()]), width, weights, bias: Float64Array.from(models.flatMap((m) => m.bias)) };
}

/** Raw scores (before temperature) of every model of a scorer, one after the other. */
export function scoresOf({ rows, width, weights, bias }: Scorer, x: Features): Float64Array {
  const z = Float64Array.from(bias);
  x.forEach((val, f) => {
    const row = rowOf(rows, f);
    if (row < 0) return;
    const at = row * width;
    for (let c = 0; c < width; c++) z[c]! += weights[at + c]! * val;
  });
  return z;
}

const single = new WeakMap<LinearModel, Scorer>();

/** Raw scores (before temperature) of a feature vector. */
export function logitsOf(model: LinearModel, x: Features): Float64Array {
  let s = single.get(model);
  if (!s) {
    s = scorerOf([model]);
    single.set(model, s);
  }
  return scoresOf(s, x);
}

/** Class probabilities from raw scores: divided by the temperature, then the softmax, in place. */
export function calibrate(z: Float64Array, temperature: number): Float64Array {
  for (let c = 0; c < z.length; c++) z[c]! /= temperature;
  softmaxInPlace(z);
  return z;
}

/** Calibrated class probabilities of a feature vector. */
export function probabilitiesOf(model: LinearModel, x: Features): Float64Array {
  return calibrate(logitsOf(model, x), model.temperature);
}

/** The temperature that minimises the negative log-likelihood of held-out logits (a 1-D grid search). */
export function fitTemperature(heldOut: Array<{ logits: Float64Array; label: number }>): number {
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.2; t <= 4.0001; t += 0.05) {
    let nll = 0;
    for (const { logits, label } of heldOut) {
      const z = logits.map((x) => x / t);
      softmaxInPlace(z);
      nll -= Math.log(Math.max(z[label]!, 1e-12));
    }
    if (nll < bestNll) {
      bestNll = nll;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}
