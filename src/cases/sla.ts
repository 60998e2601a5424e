import type { SlaHours } from '../villages/schema.js';
import type { SlaKind } from './schema.js';

const HOUR = 3_600_000;

/** Default SLA grades after the 12345 hotline standard: urgent 2 h, water/power/road 24 h, 7 days, 15 days. */
export const DEFAULT_SLA_HOURS: SlaHours = { urgent: 2, utility: 24, general: 168, complex: 360 };

export function dueAt(receivedAt: Date, kind: SlaKind, hours: SlaHours = DEFAULT_SLA_HOURS): Date {
  return new Date(receivedAt.getTime() + hours[kind] * HOUR);
}

export type SlaStep = 'reminder' | 'overdue' | 'escalate';

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
