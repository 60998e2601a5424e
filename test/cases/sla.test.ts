import { describe, expect, it } from 'vitest';
import { dueAt, formatDue, nextStepAt, slaSchedule } from '../../src/cases/sla.js';
import { DEFAULT_SLA_HOURS } from '../../src/villages/schema.js';

describe('SLA deadlines', () => {
  const t0 = new Date('2026-11-21T02:00:00Z');
  it('follow the 12345 grades: urgent 2 h, utilities 24 h, general 7 days, complex 15 days', () => {
    const hours = (k: keyof typeof DEFAULT_SLA_HOURS) => (dueAt(t0, k).getTime() - t0.getTime()) / 3_600_000;
    expect([hours('urgent'), hours('utility'), hours('general'), hours('complex')]).toEqual([2, 24, 168, 360]);
  });

  it('take a village’s own hours', () => {
    expect(dueAt(t0, 'urgent', { ...DEFAULT_SLA_HOURS, urgent: 1 }).toISOString()).toBe('2026-11-21T03:00:00.000Z');
  });

  it('remind with a quarter left, mark overdue at the deadline, escalate half a window later', () => {
    const s = slaSchedule(t0, dueAt(t0, 'urgent'));
    expect(s.reminder.toISOString()).toBe('2026-11-21T03:30:00.000Z');
    expect(s.overdue.toISOString()).toBe('2026-11-21T04:00:00.000Z');
    expect(s.escalate.toISOString()).toBe('2026-11-21T05:00:00.000Z');
  });

  it('are written the way residents read dates', () => {
    expect(formatDue(new Date('2026-11-21T15:05:00Z'), 'Asia/Shanghai')).toBe('11月21日 23:05');
  });
});

describe('the step after a step held for the morning', () => {
  const schedule = slaSchedule(new Date('2026-12-01T14:00:00Z'), new Date('2026-12-02T14:00:00Z'));
  it('keeps its time when the step before ran on time', () => {
    expect(nextStepAt(schedule, 'reminder', 'overdue', schedule.reminder)).toEqual(schedule.overdue);
  });

  it('keeps its time when that is still ahead of a step that ran late', () => {
    const ran = new Date(schedule.overdue.getTime() - 3 * 3600_000);
    expect(nextStepAt(schedule, 'reminder', 'overdue', ran)).toEqual(schedule.overdue);
  });

  it('comes two hours after a step that ran so late that its own time has passed, not in the same minute', () => {
    const ran = new Date(schedule.overdue.getTime() + 3600_000);
    expect(nextStepAt(schedule, 'reminder', 'overdue', ran).getTime()).toBe(ran.getTime() + 2 * 3600_000);
  });
});
