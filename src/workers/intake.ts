import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RoutedVillage } from '../cases/routing.js';
import { route } from '../cases/routing.js';
import { dueAt, slaSchedule } from '../cases/sla.js';
import type { CaseStore } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { type IntakeJob, IntakeJobSchema } from '../queue/intake.js';
import { INTAKE_QUEUE, WORKER_LOCK } from '../queue/names.js';
import type { TimerStore } from '../queue/timers.js';

const log = createLogger().child({ part: 'intake' });

export interface IntakeResult {
  caseId: string;
  number: string;
  created: boolean;
  merged: boolean;
}

/**
 * Turns one queued message into a case: route it (派单目录), store it once, set its first SLA timer. The timer is
 * set on every run that finds the case this message opened, not only the run that created it: a worker killed
 * between the save and the timer leaves the retry to set it (setting it twice changes nothing).
 */
export async function processIntake(
  data: unknown,
  deps: { store: CaseStore; villages: ReadonlyMap<string, RoutedVillage>; timers: TimerStore },
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
  const opened = !result.merged && result.case.messages[0]?.messageId === job.messageId;
  if (opened || result.restarted) {
    // One timer at a time: each step, when it fires, sets the next (see sla.ts). A follow-up that reopened the
    // case or raised it to urgent restarts its clock from this message.
    const from = opened ? new Date(result.case.receivedAt) : received;
    const when = slaSchedule(from, new Date(result.case.dueAt));
    await deps.timers.set(
      { kind: 'sla', caseId: result.case.id, step: 'reminder', dueAt: result.case.dueAt },
      when.reminder,
    );
  }
  return { caseId: result.case.id, number: result.case.number, created: result.created, merged: result.merged };
}

export function startIntakeWorker(deps: {
  connection: Redis;
  prefix: string;
  store: CaseStore;
  villages: readonly RoutedVillage[];
  timers: TimerStore;
  concurrency?: number;
  /** How long a job's lock lives without renewal, and how often stalled jobs are looked for (ms). */
  lockDuration?: number;
  stalledInterval?: number;
}): Worker<IntakeJob, IntakeResult> {
  const villages = new Map(deps.villages.map((v) => [v.village.id, v]));
  const worker = new Worker<IntakeJob, IntakeResult>(
    INTAKE_QUEUE,
    (job: Job<IntakeJob>) => processIntake(job.data, { store: deps.store, villages, timers: deps.timers }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 8,
      // A worker that dies mid-job stops renewing its lock; another picks the job up at the next stalled check.
      lockDuration: deps.lockDuration ?? WORKER_LOCK.lockDuration,
      stalledInterval: deps.stalledInterval ?? WORKER_LOCK.stalledInterval,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => {
    log.error({ err: err.message, jobId: job?.id, attempts: job?.attemptsMade }, 'intake job failed');
  });
  worker.on('error', (err) => log.warn({ err: err.message }, 'intake worker error'));
  return worker;
}
