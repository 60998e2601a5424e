import { wallClock } from '../config/clock.js';
import { type QuietHours, quietEnds } from '../config/quiet.js';
import type { SlaJob } from '../queue/sla.js';
import { DEFAULT_SLA_HOURS, type SlaHours } from '../villages/schema.js';
import { eventOf, isOpen } from './lifecycle.js';
import type { Case, Owner, SlaKind } from './schema.js';

const HOUR = 3_600_000;

export function dueAt(receivedAt: Date, kind: SlaKind, hours: SlaHours = { ...DEFAULT_SLA_HOURS }): Date {
  return new Date(receivedAt.getTime() + hours[kind] * HOUR);
}

/** The SLA timers' steps, as the queue's jobs name them. */
export type SlaStep = SlaJob['step'];

/**
 * When each SLA timer fires: a reminder with a quarter of the window left, overdue at the deadline, escalation to
 * the township half a window later (urgent 2 h: reminder at 1 h 30, overdue at 2 h, escalation at 3 h).
 */
export function slaSchedule(receivedAt: Date, due: Date): Record<SlaStep, Date> {
  const window = due.getTime() - receivedAt.getTime();
  return {
    reminder: new Date(receivedAt.getTime() + window * 0.75),
    overdue: due,
    escalate: new Date(due.getTime() + window * 0.5),
  };
}

/** The least time between two steps of one case when the first ran late. */
const MIN_STEP_GAP_MS = 2 * HOUR;

/**
 * When the step after `step` comes, `step` having run at `ran`: on schedule, or — when `step` ran late (held for
 * the end of the quiet hours) and the next one's time has passed too — a while after it (the usual gap, at most two
 * hours), so the owner does not get the reminder and 已超时 in the same minute at 07:00.
 */
export function nextStepAt(schedule: Record<SlaStep, Date>, step: SlaStep, next: SlaStep, ran: Date): Date {
  const gap = Math.min(schedule[next].getTime() - schedule[step].getTime(), MIN_STEP_GAP_MS);
  return new Date(Math.max(schedule[next].getTime(), ran.getTime() + gap));
}

/** The timers of a case's current deadline: its window is its SLA grade's, wherever the clock was (re)started. */
export function slaScheduleOf(c: Pick<Case, 'dueAt' | 'slaKind'>, hours: SlaHours = { ...DEFAULT_SLA_HOURS }) {
  const due = new Date(c.dueAt);
  return slaSchedule(new Date(due.getTime() - hours[c.slaKind] * HOUR), due);
}

/**
 * When an SLA step that came due at `at` runs: at once for an urgent case (its 2 h clock is real at night too),
 * else once the quiet hours are over. A 督办 note at 04:00 or "已上报" in the group at 23:00 wakes people for a
 * matter that can wait; the step waits whole, so a night's escalation too happens in the morning.
 */
export function slaStepAt(c: Pick<Case, 'urgent'>, at: Date, quiet: QuietHours): Date {
  return c.urgent ? at : quietEnds(at, quiet);
}

const STEP_TEXT: Record<SlaStep, string> = {
  reminder: '即将到期，请尽快答复',
  overdue: '已超过答复时限',
  escalate: '超过时限仍未答复，已上报镇里',
};

/** An escalation with no township contact for the matter: the committee's head is asked instead (notices.ts). */
const TO_HEAD = '超过时限仍未答复，镇里没有对口联系人，已提请村两委负责人督办';

/** The step after each, or null at the end of the chain. */
export const NEXT_STEP: Record<SlaStep, SlaStep | null> = { reminder: 'overdue', overdue: 'escalate', escalate: null };

/**
 * What one SLA timer does to a case: written on the timeline while the case still waits. Escalation moves it up:
 * to `township` (the contact who handles it) with a referral note, or, with nobody named, by status alone (the head is asked). Null
 * when there is nothing to do: the case was answered or closed, it is already escalated, or the timer belongs to
 * a deadline that has since changed.
 */
export function applySlaStep(c: Case, step: SlaStep, timerDueAt: string, at: Date, township?: Owner): Case | null {
  if (!isOpen(c) || c.dueAt !== timerDueAt) return null;
  const data = { dueAt: timerDueAt };
  if (step !== 'escalate') return { ...c, events: [...c.events, eventOf(at, 'system', step, STEP_TEXT[step], data)] };
  if (c.status === 'escalated') return null;
  const events = [...c.events, eventOf(at, 'system', 'escalated', township ? STEP_TEXT.escalate : TO_HEAD, data)];
  if (!township) return { ...c, status: 'escalated', events };
  const referral = `转办${township.role}${township.name}：村里超过时限未办结，请镇里跟进（原负责人：${c.owner ? `${c.owner.role}${c.owner.name}` : '未分派'}）`;
  events.push(eventOf(at, 'system', 'reassigned', referral, { from: c.owner, to: township }));
  return { ...c, status: 'escalated', owner: township, events };
}

/** Whether the step of the deadline `timerDueAt` is on the timeline (a retried timer job tells people again). */
export const slaStepDone = (c: Case, step: SlaStep, timerDueAt: string): boolean =>
  c.events.some(
    (e) =>
      e.actor === 'system' && e.type === (step === 'escalate' ? 'escalated' : step) && e.data?.dueAt === timerDueAt,
  );

/** A deadline as residents read it: "11月28日 17:30". */
export function formatDue(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${Number(w.month)}月${Number(w.day)}日 ${w.hour}:${w.minute}`;
}
