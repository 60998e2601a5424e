import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CaseEvent } from '../cases/schema.js';
import { CaseNotFoundError, type CaseStore, isOpen } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { SLA_QUEUE } from '../queue/names.js';
import { type SlaJob, SlaJobSchema } from '../queue/sla.js';

const log = createLogger().child({ part: 'sla' });

const TEXT: Record<SlaJob['step'], string> = {
  reminder: '即将到期，请尽快答复',
  overdue: '已超过答复时限',
  escalate: '超过时限仍未答复，已上报镇里',
};

/** Applies one SLA timer: written on the timeline if the case is still waiting; escalation moves it up. */
export async function processSla(data: unknown, store: CaseStore): Promise<string> {
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
    return `${after.number} ${job.step}`;
  } catch (err) {
    if (err instanceof CaseNotFoundError) return `${job.caseId} gone`;
    throw err;
  }
}

export function startSlaWorker(deps: { connection: Redis; prefix: string; store: CaseStore }): Worker<SlaJob, string> {
  const worker = new Worker<SlaJob, string>(SLA_QUEUE, (job: Job<SlaJob>) => processSla(job.data, deps.store), {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: 4,
  });
  worker.on('failed', (job, err) => log.error({ err: err.message, jobId: job?.id }, 'SLA job failed'));
  worker.on('error', (err) => log.warn({ err: err.message }, 'SLA worker error'));
  return worker;
}
