import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CaseEvent } from '../cases/schema.js';
import { slaSchedule } from '../cases/sla.js';
import { CaseNotFoundError, type CaseStore, isOpen } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { SLA_QUEUE } from '../queue/names.js';
import { type SlaJob, SlaJobSchema, scheduleSla } from '../queue/sla.js';

const log = createLogger().child({ part: 'sla' });

const TEXT: Record<SlaJob['step'], string> = {
  reminder: '即将到期，请尽快答复',
  overdue: '已超过答复时限',
  escalate: '超过时限仍未答复，已上报镇里',
};

const NEXT: Record<SlaJob['step'], SlaJob['step'] | null> = {
  reminder: 'overdue',
  overdue: 'escalate',
  escalate: null,
};

/**
 * Applies one SLA timer: written on the timeline if the case is still waiting (escalation also moves it up), then
 * sets the next timer. A case answered or closed in the meantime ends the chain.
 */
export async function processSla(data: unknown, store: CaseStore, queue: Queue<SlaJob>): Promise<string> {
  const job = SlaJobSchema.parse(data);
  try {
    const after = await store.update(job.caseId, (c) => {
      // Answered or closed cases, and timers from a deadline that has since changed, need nothing.
      if (!isOpen(c) || c.dueAt !== job.dueAt) return null;
      if (job.step === 'escalate' && c.status === 'escalated') return null;
      const event: CaseEvent = {
        at: new Date().toISOString(),
        actor: 'system',
        type: job.step === 'escalate' ? 'escalated' : job.step,
        text: TEXT[job.step],
      };
      return { ...c, status: job.step === 'escalate' ? 'escalated' : c.status, events: [...c.events, event] };
    });
    const next = NEXT[job.step];
    if (next && isOpen(after) && after.dueAt === job.dueAt) {
      const when = slaSchedule(new Date(after.receivedAt), new Date(after.dueAt));
      await scheduleSla(queue, { ...job, step: next }, when[next]);
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
