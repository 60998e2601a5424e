import { readFileSync } from 'node:fs';
import { matcherOf, readLexicon } from '../src/nlu/topics.js';
import { normalize } from '../src/nlu/normalize.js';
import { featuresOf } from '../src/rules/terms.js';
import { salientWords } from '../src/rules/salience.js';
const m = matcherOf(readLexicon('concepts.json'));
for (const q of process.argv.slice(2)) {
  const n = normalize(q);
  console.log(q, n, salientWords(n), featuresOf(n, true, m).concept, salientWords(n).map((s) => [s.word, featuresOf(s.word, true, m).concept, featuresOf(s.word, true, m).synonym]));
}
