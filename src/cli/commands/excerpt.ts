import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ExcerptIndex } from '../../rules/excerpt.js';
import { parseRules, type Rules, RulesError } from '../../rules/parse.js';
import { UsageError } from '../errors.js';

/** A question longer than this is ranked on its beginning: no resident question runs longer, a paste may. */
const MAX_QUESTION = 2000;

type Line = { id: unknown; question: string } | { id: unknown; error: string };

function parseLine(line: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'not a JSON object' };
  }
  const o = value as Record<string, unknown>;
  const id = o.id ?? null;
  if (!('question' in o)) return { id, error: 'no "question" field' };
  if (typeof o.question !== 'string') return { id, error: '"question" is not a string' };
  return { id, question: o.question };
}

function readRules(file: string): Rules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new UsageError(`--rules ${file}: cannot read it (${reason}) — give the village's 村规民约 as a text file`);
  }
  try {
    return parseRules(text, { name: file });
  } catch (err) {
    if (err instanceof RulesError) throw new UsageError(err.message);
    throw err;
  }
}

/** `cunbot excerpt --rules FILE`: JSON lines {id,question} in, {id,articles:[label…]} out, best first. */
export async function run(argv: string[]): Promise<number> {
  let rulesFile: string | undefined;
  try {
    rulesFile = parseArgs({ args: argv, options: { rules: { type: 'string' } }, strict: true }).values.rules;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: cunbot excerpt --rules FILE < questions.jsonl`);
  }
  if (!rulesFile) throw new UsageError("--rules FILE is required: the village's 村规民约 as a text file");
  const index = new ExcerptIndex(readRules(rulesFile));
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (!raw.trim()) continue;
    const parsed = parseLine(raw);
    const out =
      'error' in parsed
        ? parsed
        : { id: parsed.id, articles: index.rank(parsed.question.slice(0, MAX_QUESTION)).map((a) => a.label) };
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
  return 0;
}
