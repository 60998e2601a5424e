import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExcerptIndex } from '../../rules/excerpt.js';
import { parseRules, type Rules, RulesError } from '../../rules/parse.js';
import { UsageError } from '../errors.js';
import { answerLines } from '../jsonl.js';

/** A question longer than this is ranked on its beginning: no resident question runs longer, a paste may. */
const MAX_QUESTION = 2000;

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
  await answerLines('question', (id, question) => ({
    id,
    articles: index.rank(question.slice(0, MAX_QUESTION)).map((a) => a.label),
  }));
  return 0;
}
