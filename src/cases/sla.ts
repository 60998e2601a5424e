import type { SlaJob } from '../queue/sla.js';
import { DEFAULT_SLA_HOURS, type SlaHours } from '../villages/schema.js';
import { eventOf, isOpen } from './lifecycle.js';
import type { Case, SlaKind } from './schema.js';

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

const STEP_TEXT: Record<SlaStep, string> = {
  reminder: '即将到期，请尽快答复',
  overdue: '已超过答复时限',
  escalate: '超过时限仍未答复，已上报镇里',
};

/** The step after each, or null at the end of the chain. */
export const NEXT_STEP: Record<SlaStep, SlaStep | null> = { reminder: 'overdue', overdue: 'escalate', escalate: null };

/**
 * What one SLA timer does to a case: written on the timeline while the case still waits (escalation also moves it
 * up to the township). Null when there is nothing to do: the case was answered or closed, it is already escalated,
 * or the timer belongs to a deadline that has since changed.
 */
export function applySlaStep(c: Case, step: SlaStep, timerDueAt: string, at: Date): Case | null {
  if (!isOpen(c) || c.dueAt !== timerDueAt) return null;
  if (step === 'escalate' && c.status === 'escalated') return null;
  const event = eventOf(at, 'system', step === 'escalate' ? 'escalated' : step, STEP_TEXT[step]);
  return { ...c, status: step === 'escalate' ? 'escalated' : c.status, events: [...c.events, event] };
}

const dueFormatters = new Map<string, Intl.DateTimeFormat>();

/** A deadline as residents read it: "11月28日 17:30". */
export function formatDue(at: Date, timeZone: string): string {
  let f = dueFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dueFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}
