import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger } from '../log/logger.js';
import { dataHash, loadExamples } from './data.js';
import type { Features } from './features.js';
import { INTENTS_DIR } from './paths.js';
import { calibrate, type Scorer, scorerOf, scoresOf } from './softmax.js';
import { isUrgentScore, refit, type TrainedModel, train } from './train.js';
import { INTENTS, type Intent } from './types.js';

const log = logger.child({ part: 'nlu' });

export const MODEL_FILE = join(INTENTS_DIR, 'model.json');

let model: TrainedModel | undefined;
let scorer: Scorer | undefined;

/**
 * The committed model, or, when the training data changed since it was built (someone added examples and did
 * not run `npm run train`), a model trained now from the data: slower to start, never stale.
 */
export function loadModel(): TrainedModel {
  if (model) return model;
  const hash = dataHash();
  if (!existsSync(MODEL_FILE)) {
    log.warn({ file: MODEL_FILE }, 'no trained model; training now (run npm run train)');
    model = train(loadExamples(), hash).model;
    return model;
  }
  const stored = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as TrainedModel;
  if (stored.hash === hash) {
    model = stored;
    return model;
  }
  log.warn({ file: MODEL_FILE }, 'training data changed since the model was built; retraining now (run npm run train)');
  model = refit(stored, loadExamples(), hash);
  return model;
}

export interface Classification {
  intent: Intent;
  confidence: number;
  scores: Record<Intent, number>;
  /** Calibrated probability that the message reports an emergency. */
  urgentScore: number;
  urgent: boolean;
}

/** Intent and urgency of a feature vector; `live` says whether the danger lexicon found a present danger. */
export function classifyFeatures(x: Features, live: boolean): Classification {
  const m = loadModel();
  scorer ??= scorerOf([m.intent, m.urgent]);
  const z = scoresOf(scorer, x);
  const C = m.intent.classes.length;
  const p = calibrate(z.subarray(0, C), m.intent.temperature);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  const scores = {} as Record<Intent, number>;
  INTENTS.forEach((intent, c) => {
    scores[intent] = p[c]!;
  });
  const u = calibrate(z.subarray(C), m.urgent.temperature);
  return {
    intent: INTENTS[best]!,
    confidence: p[best]!,
    scores,
    urgentScore: u[1]!,
    urgent: isUrgentScore(u[1]!, live, m.urgent),
  };
}
