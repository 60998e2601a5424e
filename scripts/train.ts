// `npm run train`: trains the intent and urgency models from intents/*.jsonl and writes intents/model.json.
import { writeFileSync } from 'node:fs';
import { MODEL_FILE } from '../src/nlu/classifier.js';
import { train } from '../src/nlu/train.js';

const started = performance.now();
const { model, cv } = train();
writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
const f = (x: number) => x.toFixed(3);
console.log(
  `trained in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.keys(model.intent.weights).length} features, ` +
    `temperature ${model.intent.temperature}, urgent thresholds ${model.urgent.threshold} (with a lexicon hit ${model.urgent.ruleThreshold})`,
);
console.log(
  `5-fold cross-validation: accuracy ${f(cv.accuracy)} macroF1 ${f(cv.macroF1)} ` +
    `urgentRecall ${f(cv.urgentRecall)} urgentPrecision ${f(cv.urgentPrecision)}`,
);
