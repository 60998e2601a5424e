// An intake worker that stores the case, then hangs where it would set the SLA timer, to be killed there by the test.
import { Redis } from 'ioredis';
import { withRouting } from '../../src/cases/routing.js';
import { CaseStore } from '../../src/cases/store.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { startIntakeWorker } from '../../src/workers/intake.js';

class HangingTimers extends TimerStore {
  override async set(): Promise<void> {
    process.stdout.write('saved\n');
    await new Promise(() => {});
  }
}

const prefix = process.env.KEY_PREFIX ?? 'cunbot';
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
startIntakeWorker({
  connection,
  prefix,
  store: new CaseStore(connection, prefix),
  villages: withRouting(loadVillages('villages')),
  timers: new HangingTimers(connection, prefix),
  lockDuration: 1000,
  stalledInterval: 300,
});
