import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { civicServices } from '../cases/civic-services.js';
import type { RoutedVillage } from '../cases/routing.js';
import type { CaseStore } from '../cases/store.js';
import { SurveyDesk } from '../cases/survey-desk.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../cases/templates.js';
import type { QuietHours } from '../config/quiet.js';
import { createLogger } from '../log/logger.js';
import { DEFAULT_BOT_NAME } from '../nlu/normalize.js';
import { ProposalStore } from '../proposals/store.js';
import { Outbox } from '../queue/outbound.js';
import { createSlaQueue } from '../queue/sla.js';
import { TimerStore } from '../queue/timers.js';
import { startIntakeWorker } from './intake.js';
import { startTicker, startTimerWorker } from './sla.js';

const log = createLogger().child({ part: 'workers' });

export interface Workers {
  intake: Worker;
  sla: Worker;
  timers: TimerStore;
  /** Queues every timer due by the store's clock now (simulate moves the clock, then drains). */
  drain(): Promise<number>;
  /** Whether a timer job is waiting or running. */
  busy(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The workers that need no WeChat: intake (messages → cases) and the case timers (SLA steps, morning
 * acknowledgements, 回访). `start` and `demo` run them beside the bot; `admin` runs them alone; a county deployment
 * runs several such processes against one Redis.
 */
export function startWorkers(deps: {
  connection: Redis;
  prefix: string;
  store: CaseStore;
  villages: readonly RoutedVillage[];
  /** The bot's quiet hours, from the same config (simulate's clock reads them too). */
  quiet: QuietHours;
  /** What notices say (default: the templates shipped with cunbot). */
  templates?: Templates;
  concurrency?: number;
  /** How often due timers are looked for (ms). */
  tickMs?: number;
  /** The name results of 意见征集 are signed with (default 村小助). */
  botName?: string;
}): Workers {
  const queue = createSlaQueue(deps.connection, deps.prefix);
  const timers = new TimerStore(deps.connection, deps.prefix);
  const outbox = new Outbox(deps.connection, deps.prefix);
  const plain = deps.villages.map((v) => v.village);
  const templates = deps.templates ?? Templates.load(DEFAULT_TEMPLATES_DIR);
  const survey = new SurveyDesk({ store: deps.store, outbox, timers, templates, villages: plain });
  const intake = startIntakeWorker({ ...deps, timers });
  const proposals = new ProposalStore(deps.connection, deps.prefix);
  const { consult } = civicServices({
    redis: deps.connection,
    prefix: deps.prefix,
    store: deps.store,
    proposals,
    outbox,
    villages: deps.villages,
    templates,
    botName: deps.botName ?? DEFAULT_BOT_NAME,
  });
  // Consultations opened before their deadline was a timer get one now.
  void consult.scheduleAll().catch((err: unknown) => log.error({ err }, 'could not schedule consultation deadlines'));
  const sla = startTimerWorker({
    ...deps,
    templates,
    timers,
    outbox,
    survey,
    consult,
    proposals,
    villages: new Map(plain.map((v) => [v.id, v])),
  });
  const ticker = startTicker(timers, queue, deps.store, deps.tickMs);
  return {
    intake,
    sla,
    timers,
    drain: ticker.drain,
    async busy() {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
      return Object.values(counts).some((n) => n > 0);
    },
    async close() {
      ticker.stop();
      await Promise.all([intake.close(), sla.close()]);
      await Promise.all([queue.close(), outbox.close()]);
    },
  };
}
