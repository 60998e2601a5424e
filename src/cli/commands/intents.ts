import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Case } from '../../cases/schema.js';
import { CaseStore } from '../../cases/store.js';
import { loadConfig } from '../../config/env.js';
import { connectOnce, RedisUnavailableError } from '../../queue/connection.js';
import { UsageError } from '../errors.js';

const USAGE = 'usage: cunbot intents export-corrections [--out FILE]';

/** Cases whose intent an agent corrected, as training lines for intents/<intent>.jsonl. */
export function correctionLines(cases: readonly Case[]): string[] {
  return cases
    .filter((c) => c.intent !== c.predictedIntent && c.events.some((e) => e.type === 'intent_corrected'))
    .map((c) => JSON.stringify({ text: c.text, intent: c.intent, source: 'correction' }));
}

/** `cunbot intents export-corrections`: the agents' intent corrections as JSON lines, to stdout or --out FILE. */
export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'export-corrections') throw new UsageError(USAGE);
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } }, strict: true });
  const config = loadConfig();
  const redis = await connectOnce(config.REDIS_URL).catch((err: Error) => {
    throw err instanceof RedisUnavailableError ? new UsageError(err.message) : err;
  });
  try {
    const lines = correctionLines(await new CaseStore(redis, config.KEY_PREFIX).all());
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    if (values.out) {
      await writeFile(values.out, text);
      process.stderr.write(`wrote ${lines.length} corrected examples to ${values.out}\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } finally {
    redis.disconnect();
  }
}
