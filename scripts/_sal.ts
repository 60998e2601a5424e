import { readFileSync } from 'node:fs';
import { salientWords } from '../src/rules/salience.js';
const rows = readFileSync(process.argv[2]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
for (const r of rows) console.log((r.articles ?? r.items).length ? 'A' : 'N', r.question, '|', salientWords(r.question).map((s) => `${s.word}:${s.weight.toFixed(1)}`).join(' '));
