import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RoutedVillage } from '../cases/routing.js';
import { route } from '../cases/routing.js';
import { dueAt, slaSchedule } from '../cases/sla.js';
import type { CaseStore } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { type IntakeJob, IntakeJobSchema } from '../queue/intake.js';
import { INTAKE_QUEUE } from '../queue/names.js';
import { type SlaJob, scheduleSla } from '../queue/sla.js';

const log = createLogger().child({ part: 'intake' });

export interface IntakeResult {
  caseId: string;
  number: string;
  created: boolean;
  merged: boolean;
}

/** Turns one queued message into a case: route it (派单目录), store it once, set its SLA timers. */
export async function processIntake(
  data: unknown,
  deps: { store: CaseStore; villages: ReadonlyMap<string, RoutedVillage>; sla: Queue<SlaJob> },
): Promise<IntakeResult> {
  const parsed = IntakeJobSchema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`malformed intake job: ${parsed.error.message}`);
  const job = parsed.data;
  const v = deps.villages.get(job.village);
  if (!v) throw new UnrecoverableError(`unknown village ${job.village}`);
  const decision = route(v.village, v.routing, { ...job, text: job.text });
  const received = new Date(job.receivedAt);
  const due = dueAt(received, decision.slaKind, v.village.sla);
  const result = await deps.store.createOrMerge({
    ...job,
    prefix: v.prefix,
    owner: decision.owner,
    slaKind: decision.slaKind,
    dueAt: due.toISOString(),
  });
  if (result.created || result.restarted) {
    // One timer at a time: each step, when it fires, sets the next (see sla.ts), so a case costs one delayed job.
    const when = slaSchedule(received, new Date(result.case.dueAt));
    const job = { caseId: result.case.id, step: 'reminder' as const, dueAt: result.case.dueAt };
    await scheduleSla(deps.sla, job, when.reminder, deps.store.clock.now());
  }
  return { caseId: result.case.id, number: result.case.number, created: result.created, merged: result.merged };
}

export function startIntakeWorker(deps: {
  connection: Redis;
  prefix: string;
  store: CaseStore;
  villages: readonly RoutedVillage[];
  sla: Queue<SlaJob>;
  concurrency?: number;
  /** How long a job's lock lives without renewal, and how often stalled jobs are looked for (ms). */
  lockDuration?: number;
  stalledInterval?: number;
}): Worker<IntakeJob, IntakeResult> {
  const villages = new Map(deps.villages.map((v) => [v.village.id, v]));
  const worker = new Worker<IntakeJob, IntakeResult>(
    INTAKE_QUEUE,
    (job: Job<IntakeJob>) => processIntake(job.data, { store: deps.store, villages, sla: deps.sla }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 8,
      // A worker that dies mid-job stops renewing its lock; another picks the job up at the next stalled check.
      lockDuration: deps.lockDuration ?? 30_000,
      stalledInterval: deps.stalledInterval ?? 15_000,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => {
    log.error({ err: err.message, jobId: job?.id, attempts: job?.attemptsMade }, 'intake job failed');
  });
  worker.on('error', (err) => log.warn({ err: err.message }, 'intake worker error'));
  return worker;
}
