import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';

const lua = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');

// Read once per process; ioredis sends each by its SHA after the first call.
const SCRIPTS = {
  cunbotSaveCase: { lua: lua('save') },
  cunbotAllocateCase: { numberOfKeys: 2, lua: lua('allocate') },
  cunbotCasePage: { numberOfKeys: 2, lua: lua('page') },
  cunbotBackfillSummaries: { lua: lua('backfill') },
};

export interface CaseRedis extends Redis {
  cunbotSaveCase(...args: Array<string | number>): Promise<number>;
  cunbotAllocateCase(allocation: string, sequence: string, seeded?: 'seeded'): Promise<number>;
  cunbotBackfillSummaries(...args: Array<string | number>): Promise<number>;
}

export interface CasePipeline extends ChainableCommander {
  cunbotCasePage(index: string, summaries: string, start: number, stop: number): this;
}

/** The connection with the case store's scripts defined on it (once per connection). */
export function withCaseScripts(redis: Redis): CaseRedis {
  const r = redis as CaseRedis;
  if (typeof r.cunbotSaveCase !== 'function') {
    for (const [name, def] of Object.entries(SCRIPTS)) redis.defineCommand(name, def);
  }
  return r;
}
