import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { isOpen } from '../cases/lifecycle.js';
import { applySlaStep, NEXT_STEP, slaSchedule } from '../cases/sla.js';
import { CaseNotFoundError, type CaseStore } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { SLA_QUEUE } from '../queue/names.js';
import { type SlaJob, SlaJobSchema, scheduleSla } from '../queue/sla.js';

const log = createLogger().child({ part: 'sla' });

/**
 * Applies one SLA timer: written on the timeline if the case is still waiting (escalation also moves it up), then
 * sets the next timer. A case answered or closed in the meantime ends the chain.
 */
export async function processSla(data: unknown, store: CaseStore, queue: Queue<SlaJob>): Promise<string> {
  const job = SlaJobSchema.parse(data);
  try {
    const after = await store.update(job.caseId, (c) => applySlaStep(c, job.step, job.dueAt, store.clock.now()));
    const next = NEXT_STEP[job.step];
    if (next && isOpen(after) && after.dueAt === job.dueAt) {
      const when = slaSchedule(new Date(after.receivedAt), new Date(after.dueAt));
      await scheduleSla(queue, { ...job, step: next }, when[next], store.clock.now());
    }
    return `${after.number} ${job.step}`;
  } catch (err) {
    if (err instanceof CaseNotFoundError) return `${job.caseId} gone`;
    throw err;
  }
}

export function startSlaWorker(deps: {
  connection: Redis;
  prefix: string;
  store: CaseStore;
  queue: Queue<SlaJob>;
}): Worker<SlaJob, string> {
  const worker = new Worker<SlaJob, string>(
    SLA_QUEUE,
    (job: Job<SlaJob>) => processSla(job.data, deps.store, deps.queue),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: 4,
    },
  );
  worker.on('failed', (job, err) => log.error({ err: err.message, jobId: job?.id }, 'SLA job failed'));
  worker.on('error', (err) => log.warn({ err: err.message }, 'SLA worker error'));
  return worker;
}
