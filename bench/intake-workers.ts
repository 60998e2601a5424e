// The intake and SLA workers alone, in a process of their own (as `cunbot admin` or a county's worker machines run
// them): started by intake.bench.ts to measure the spine split over two processes. Prints "ready" once listening,
// then the number of each case it stores, one a line (BullMQ's event stream is trimmed to 10,000 entries and drops
// events a busy listener has not read yet, which stalled the 1,000-in-flight row).
import { withRouting } from '../src/cases/routing.js';
import { CaseStore } from '../src/cases/store.js';
import { NEVER_QUIET } from '../src/config/quiet.js';
import { createRedis } from '../src/queue/connection.js';
import { loadVillages } from '../src/villages/load.js';
import { startWorkers } from '../src/workers/index.js';

const prefix = process.env.KEY_PREFIX ?? 'cunbot';
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'bench-workers');
const workers = startWorkers({
  connection: redis,
  prefix,
  store: new CaseStore(redis, prefix),
  villages: withRouting(loadVillages('villages')),
  quiet: NEVER_QUIET,
});
workers.intake.on('completed', (_job, result: { number: string }) => process.stdout.write(`${result.number}\n`));
await workers.intake.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await workers.close();
  redis.disconnect();
  process.exit(0);
});
