import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Guide, GuideError, parseGuide } from '../../villages/guide.js';
import { GuideIndex } from '../../villages/guide-index.js';
import { UsageError } from '../errors.js';
import { answerLines } from '../jsonl.js';

/** A question longer than this is ranked on its beginning: no resident question runs longer, a paste may. */
const MAX_QUESTION = 2000;

function readGuide(file: string): Guide {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new UsageError(`--file ${file}: cannot read it (${reason}) — give the village's 办事指南.md`);
  }
  try {
    return parseGuide(text, { name: file });
  } catch (err) {
    if (err instanceof GuideError) throw new UsageError(err.message);
    throw err;
  }
}

/** `cunbot guide --file FILE`: JSON lines {id,question} in, {id,items:[heading…]} out, best first. */
export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  try {
    file = parseArgs({ args: argv, options: { file: { type: 'string' } }, strict: true }).values.file;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: cunbot guide --file 办事指南.md < questions.jsonl`);
  }
  if (!file) throw new UsageError("--file FILE is required: the village's service guide (办事指南.md)");
  const index = new GuideIndex(readGuide(file));
  await answerLines('question', (id, question) => ({
    id,
    items: index.rank(question.slice(0, MAX_QUESTION)).map((item) => item.heading),
  }));
  return 0;
}
