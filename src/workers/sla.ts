import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ConsultService } from '../cases/consult.js';
import { isOpen } from '../cases/lifecycle.js';
import { slaNotices, townshipContactFor, townshipOwner } from '../cases/notices.js';
import { applySlaStep, NEXT_STEP, nextStepAt, slaScheduleOf, slaStepAt, slaStepDone } from '../cases/sla.js';
import { CaseNotFoundError, type CaseStore } from '../cases/store.js';
import type { SurveyDesk } from '../cases/survey-desk.js';
import type { Templates } from '../cases/templates.js';
import type { QuietHours } from '../config/quiet.js';
import { createLogger } from '../log/logger.js';
import type { ProposalStore } from '../proposals/store.js';
import { jobIdFor, SLA_QUEUE } from '../queue/names.js';
import type { Outbox } from '../queue/outbound.js';
import { type SlaJob, type Timer, TimerSchema } from '../queue/sla.js';
import type { TimerStore } from '../queue/timers.js';
import type { Village } from '../villages/schema.js';

const log = createLogger().child({ part: 'timers' });

export interface TimerDeps {
  store: CaseStore;
  timers: TimerStore;
  outbox: Outbox;
  templates: Templates;
  proposals: ProposalStore;
  survey: SurveyDesk;
  villages: ReadonlyMap<string, Village>;
  /** The bot's quiet hours (QUIET_HOURS in TIMEZONE): a case that is not urgent hears of its SLA in the morning. */
  quiet: QuietHours;
  /** Closes consultations whose deadline came. */
  consult: Pick<ConsultService, 'closeDue'>;
}

/**
 * One SLA step: written on the timeline while the case still waits, the people concerned told over WeChat
 * (owner; at escalation the township contact now holding it and the resident), then the next step set. A case
 * answered or closed in the meantime ends the chain; so does one on the 议事 agenda, which follows 四议两公开.
 * A step of a case that is not urgent coming due in the quiet hours is set again for their end and runs then.
 */
async function slaStep(job: SlaJob, deps: TimerDeps): Promise<string> {
  const { store } = deps;
  const now = store.clock.now();
  const before = await store.get(job.caseId);
  if (!before) return `${job.caseId} gone`;
  if (before.deliberating || (before.intent === 'proposal' && (await deps.proposals.get(before.id)))) {
    return `${before.number} deliberating`;
  }
  const runAt = slaStepAt(before, now, deps.quiet);
  if (runAt > now && isOpen(before) && before.dueAt === job.dueAt) {
    await deps.timers.set({ ...job, heldUntil: runAt.toISOString() }, runAt);
    return `${before.number} ${job.step} held until ${runAt.toISOString()}`;
  }
  const v = deps.villages.get(before.village);
  const contact = v && job.step === 'escalate' ? townshipContactFor(v, before) : undefined;
  const after = await store.update(job.caseId, (c) =>
    applySlaStep(c, job.step, job.dueAt, now, contact && townshipOwner(contact)),
  );
  // Told again on a retried job (the notices' job ids make that a no-op), so a crash after the save loses nobody.
  if (v && slaStepDone(after, job.step, job.dueAt)) {
    const notices = slaNotices(before, after, job.step, v, deps.templates, store.clock.timeZone);
    await Promise.all(
      notices.map((n, i) => deps.outbox.send(n, jobIdFor('notice', `${job.caseId}|${job.step}|${job.dueAt}|${i}`))),
    );
  }
  const next = NEXT_STEP[job.step];
  if (next && isOpen(after) && after.dueAt === job.dueAt) {
    const when = nextStepAt(slaScheduleOf(after, v?.sla), job.step, next, now);
    await deps.timers.set({ kind: 'sla', caseId: job.caseId, step: next, dueAt: job.dueAt }, when);
  }
  return `${after.number} ${job.step}`;
}

/** The morning after a night message: the group hears what it did not, unless staff already answered. */
async function morning(job: Extract<Timer, { kind: 'morning' }>, deps: TimerDeps): Promise<string> {
  const c = await deps.store.get(job.caseId);
  if (!c) return `${job.caseId} gone`;
  if (!isOpen(c) || c.firstResponseAt) return `${c.number} already answered`;
  await Promise.all(
    job.replies.map((r, i) =>
      deps.outbox.send(
        { ...r, text: deps.templates.render('morning_ack', { text: r.text }) },
        jobIdFor('morning', `${c.id}|${i}`),
      ),
    ),
  );
  return `${c.number} morning`;
}

/** Carries out one timer that came due. */
export async function processTimer(data: unknown, deps: TimerDeps): Promise<string> {
  const timer = TimerSchema.parse(data);
  try {
    if (timer.kind === 'sla') return await slaStep(timer, deps);
    if (timer.kind === 'morning') return await morning(timer, deps);
    if (timer.kind === 'consult')
      return `${await deps.consult.closeDue(deps.store.clock.now())} consultation(s) closed`;
    const c = await deps.survey.expire(timer.caseId, timer.askedAt);
    return `${c.number} survey ${c.survey?.answer ?? (c.survey?.expiredAt ? '未评价' : 'open')}`;
  } catch (err) {
    if (err instanceof CaseNotFoundError) return `${timer.caseId} gone`;
    throw err;
  }
}

export function startTimerWorker(deps: TimerDeps & { connection: Redis; prefix: string }): Worker<Timer, string> {
  const worker = new Worker<Timer, string>(SLA_QUEUE, (job: Job<Timer>) => processTimer(job.data, deps), {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: 4,
  });
  worker.on('failed', (job, err) => log.error({ err: err.message, jobId: job?.id }, 'timer job failed'));
  worker.on('error', (err) => log.warn({ err: err.message }, 'timer worker error'));
  return worker;
}

/** Moves due timers into the queue every `everyMs` on the store's clock; `drain` does it at once. */
export function startTicker(timers: TimerStore, queue: Queue<Timer>, store: CaseStore, everyMs = 1000) {
  const drain = () => timers.drain(queue, store.clock.now());
  const tick = setInterval(() => {
    drain().catch((err: Error) => log.warn({ err: err.message }, 'timer drain failed'));
  }, everyMs);
  tick.unref();
  return { drain, stop: () => clearInterval(tick) };
}
