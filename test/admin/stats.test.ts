import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/admin/stats.js';
import { storedCase } from '../helpers/cases.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');

const at = (ms: number) => new Date(ms).toISOString();
const SHANGHAI = { now: NOW, timeZone: 'Asia/Shanghai' };

describe('computeStats', () => {
  const cases = [
    storedCase({
      receivedAt: at(NOW - 10 * HOUR),
      firstResponseAt: at(NOW - 8 * HOUR),
      resolvedAt: at(NOW - 4 * HOUR),
      status: 'closed',
    }),
    storedCase({
      receivedAt: at(NOW - 20 * HOUR),
      firstResponseAt: at(NOW - 16 * HOUR),
      status: 'answered',
      intent: 'proposal',
    }),
    storedCase({ receivedAt: at(NOW - 30 * HOUR), village: 'nanshan' }),
    storedCase({ receivedAt: at(NOW - 40 * HOUR) }),
  ];

  it('gives 响应率 and 解决率 as shares of the cases received', () => {
    const s = computeStats(cases, {}, SHANGHAI);
    expect(s).toMatchObject({ total: 4, responseRate: 0.5, resolutionRate: 0.25 });
    expect(s.byIntent).toEqual({ legal_question: 3, proposal: 1 });
    expect(s.byVillage).toEqual({ xihe: 3, nanshan: 1 });
  });

  it('gives mean and median hours to first response and to resolution', () => {
    const s = computeStats(cases, {}, SHANGHAI);
    expect(s.firstResponseHours).toEqual({ mean: 3, median: 3 });
    expect(s.resolutionHours).toEqual({ mean: 6, median: 6 });
  });

  it('counts only cases received in the date range', () => {
    const s = computeStats(cases, { from: '2026-11-19', to: '2026-11-19' }, SHANGHAI);
    expect(s.total).toBe(2);
  });

  it('counts days as the village lives them: 00:30 Beijing time belongs to that day, not the UTC day before', () => {
    const justAfterMidnight = [storedCase({ receivedAt: '2026-11-29T16:30:00Z' })];
    const local = computeStats(justAfterMidnight, { from: '2026-11-30', to: '2026-11-30' }, SHANGHAI);
    expect(local.total).toBe(1);
    const utc = computeStats(
      justAfterMidnight,
      { from: '2026-11-30', to: '2026-11-30' },
      { ...SHANGHAI, timeZone: 'UTC' },
    );
    expect(utc.total).toBe(0);
  });

  it('puts a case of Monday 01:00 Beijing time (Sunday 17:00 UTC) in the week starting that Monday', () => {
    const mondayNight = [storedCase({ receivedAt: '2026-11-29T17:00:00Z' })];
    const now = Date.parse('2026-12-01T04:00:00Z');
    const local = computeStats(mondayNight, {}, { now, timeZone: 'Asia/Shanghai' });
    expect(local.weeks.find((w) => w.received)?.week).toBe('2026-11-30');
    const utc = computeStats(mondayNight, {}, { now, timeZone: 'UTC' });
    expect(utc.weeks.find((w) => w.received)?.week).toBe('2026-11-23');
  });

  it('has a point for each of the last 8 weeks, empty ones included', () => {
    const s = computeStats(cases, {}, SHANGHAI);
    expect(s.weeks).toHaveLength(8);
    expect(s.weeks.at(-1)).toMatchObject({ week: '2026-11-16', received: 4, responded: 2, resolved: 1 });
    expect(s.weeks[0]?.received).toBe(0);
  });
});
