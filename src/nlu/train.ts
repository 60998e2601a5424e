import { dataHash, type Example, loadExamples } from './data.js';
import { type Features, featuresOf } from './features.js';
import { normalize } from './normalize.js';
import { DEFAULT_TRAIN, fitTemperature, type LinearModel, logitsOf, trainLinear } from './softmax.js';
import { INTENTS } from './types.js';

/** What `intents/model.json` holds. */
export interface TrainedModel {
  /** `dataHash()` of the files it was trained from: a mismatch means the model is stale. */
  hash: string;
  intent: LinearModel;
  urgent: LinearModel & { threshold: number };
}

export interface CrossValidation {
  accuracy: number;
  macroF1: number;
  urgentRecall: number;
  urgentPrecision: number;
}

const FOLDS = 5;
/** Urgency is recall first: the threshold keeps this share of held-out urgent examples. */
const URGENT_RECALL = 0.97;

interface Prepared {
  x: Features[];
  y: number[];
  u: number[];
}

function prepare(examples: Example[]): Prepared {
  return {
    x: examples.map((e) => featuresOf(normalize(e.text))),
    y: examples.map((e) => INTENTS.indexOf(e.intent)),
    u: examples.map((e) => (e.urgent ? 1 : 0)),
  };
}

/**
 * Trains the intent and urgency models on all examples; the temperature and the urgency threshold come from
 * out-of-fold predictions, so they describe texts the model has not seen.
 */
export function train(
  examples: Example[] = loadExamples(),
  hash: string = dataHash(),
): {
  model: TrainedModel;
  cv: CrossValidation;
} {
  const data = prepare(examples);
  const N = data.x.length;
  const heldIntent: Array<{ logits: Float64Array; label: number }> = [];
  const heldUrgent: Array<{ logits: Float64Array; label: number }> = [];
  // Deterministic interleaved folds: every style and intent file lands in every fold.
  for (let k = 0; k < FOLDS; k++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < N; i++) (i % FOLDS === k ? testIdx : trainIdx).push(i);
    const pick = <T>(arr: T[], idx: number[]) => idx.map((i) => arr[i]!);
    const mi = trainLinear(pick(data.x, trainIdx), pick(data.y, trainIdx), [...INTENTS]);
    const mu = trainLinear(pick(data.x, trainIdx), pick(data.u, trainIdx), ['no', 'yes']);
    for (const i of testIdx) {
      heldIntent.push({ logits: logitsOf(mi, data.x[i]!), label: data.y[i]! });
      heldUrgent.push({ logits: logitsOf(mu, data.x[i]!), label: data.u[i]! });
    }
  }
  const intent = trainLinear(data.x, data.y, [...INTENTS], DEFAULT_TRAIN);
  intent.temperature = fitTemperature(heldIntent);
  const urgentModel = trainLinear(data.x, data.u, ['no', 'yes'], DEFAULT_TRAIN);
  urgentModel.temperature = fitTemperature(heldUrgent);

  const urgentScores = heldUrgent.map((h) => ({ p: sigmoidOf(h.logits, urgentModel.temperature), label: h.label }));
  const positives = urgentScores.filter((s) => s.label === 1).sort((a, b) => b.p - a.p);
  const keep = positives[Math.max(0, Math.ceil(positives.length * URGENT_RECALL) - 1)];
  const threshold = Math.round(Math.min(0.5, keep?.p ?? 0.5) * 1e4) / 1e4;

  return {
    model: { hash, intent, urgent: { ...urgentModel, threshold } },
    cv: crossValidation(heldIntent, urgentScores, threshold),
  };
}

function sigmoidOf(logits: Float64Array, temperature: number): number {
  return 1 / (1 + Math.exp(-((logits[1]! - logits[0]!) / temperature)));
}

function crossValidation(
  heldIntent: Array<{ logits: Float64Array; label: number }>,
  urgent: Array<{ p: number; label: number }>,
  threshold: number,
): CrossValidation {
  const C = INTENTS.length;
  const tp = new Array<number>(C).fill(0);
  const fp = new Array<number>(C).fill(0);
  const fn = new Array<number>(C).fill(0);
  let correct = 0;
  for (const { logits, label } of heldIntent) {
    let best = 0;
    for (let c = 1; c < C; c++) if (logits[c]! > logits[best]!) best = c;
    if (best === label) {
      correct++;
      tp[label]!++;
    } else {
      fp[best]!++;
      fn[label]!++;
    }
  }
  let f1 = 0;
  for (let c = 0; c < C; c++) f1 += (2 * tp[c]!) / Math.max(1, 2 * tp[c]! + fp[c]! + fn[c]!);
  const uTp = urgent.filter((s) => s.label === 1 && s.p >= threshold).length;
  const uFp = urgent.filter((s) => s.label === 0 && s.p >= threshold).length;
  const uPos = urgent.filter((s) => s.label === 1).length;
  return {
    accuracy: correct / heldIntent.length,
    macroF1: f1 / C,
    urgentRecall: uPos ? uTp / uPos : 1,
    urgentPrecision: uTp + uFp ? uTp / (uTp + uFp) : 1,
  };
}
