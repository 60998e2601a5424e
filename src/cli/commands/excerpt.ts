import { parseArgs } from 'node:util';
import { ExcerptIndex } from '../../rules/excerpt.js';
import { readRulesFile } from '../../rules/file.js';
import { type Rules, RulesError } from '../../rules/parse.js';
import { UsageError } from '../errors.js';
import { answerLines } from '../jsonl.js';

/** A question longer than this is ranked on its beginning: no resident question runs longer, a paste may. */
const MAX_QUESTION = 2000;

function readRules(file: string): Rules {
  try {
    return readRulesFile(file);
  } catch (err) {
    // Only a file that cannot be read or holds no text is refused; every layout is read.
    if (err instanceof RulesError) throw new UsageError(err.message.replace(file, `--rules ${file}`));
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
