import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RoutedVillage } from '../cases/routing.js';
import type { CaseStore } from '../cases/store.js';
import { createSlaQueue } from '../queue/sla.js';
import { startIntakeWorker } from './intake.js';
import { startSlaWorker } from './sla.js';

export interface Workers {
  intake: Worker;
  sla: Worker;
  close(): Promise<void>;
}

/**
 * The workers that need no WeChat: intake (messages → cases) and SLA timers. `start` and `demo` run them beside
 * the bot; `admin` runs them alone; a county deployment runs several such processes against one Redis.
 */
export function startWorkers(deps: {
  connection: Redis;
  prefix: string;
  store: CaseStore;
  villages: readonly RoutedVillage[];
  concurrency?: number;
}): Workers {
  const slaQueue = createSlaQueue(deps.connection, deps.prefix);
  const intake = startIntakeWorker({ ...deps, sla: slaQueue });
  const sla = startSlaWorker({ ...deps, queue: slaQueue });
  return {
    intake,
    sla,
    async close() {
      await Promise.all([intake.close(), sla.close()]);
      await slaQueue.close();
    },
  };
}
