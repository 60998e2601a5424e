import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/admin/stats.js';
import type { Case } from '../../src/cases/schema.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');

function kase(over: Partial<Case> & { receivedAt: string }): Case {
  return {
    id: over.receivedAt,
    number: 'XH-1',
    village: 'xihe',
    room: null,
    channel: 'group',
    resident: { key: 'k', name: 'n' },
    intent: 'legal_question',
    predictedIntent: 'legal_question',
    confidence: 1,
    topics: [],
    urgent: false,
    text: 't',
    messages: [],
    context: [],
    status: 'new',
    owner: null,
    slaKind: 'general',
    dueAt: over.receivedAt,
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: over.receivedAt,
    events: [],
    ...over,
  };
}

const at = (ms: number) => new Date(ms).toISOString();

describe('computeStats', () => {
  const cases = [
    kase({
      receivedAt: at(NOW - 10 * HOUR),
      firstResponseAt: at(NOW - 8 * HOUR),
      resolvedAt: at(NOW - 4 * HOUR),
      status: 'closed',
    }),
    kase({
      receivedAt: at(NOW - 20 * HOUR),
      firstResponseAt: at(NOW - 16 * HOUR),
      status: 'answered',
      intent: 'proposal',
    }),
    kase({ receivedAt: at(NOW - 30 * HOUR), village: 'nanshan' }),
    kase({ receivedAt: at(NOW - 40 * HOUR) }),
  ];

  it('gives 响应率 and 解决率 as shares of the cases received', () => {
    const s = computeStats(cases, {}, NOW);
    expect(s).toMatchObject({ total: 4, responseRate: 0.5, resolutionRate: 0.25 });
    expect(s.byIntent).toEqual({ legal_question: 3, proposal: 1 });
    expect(s.byVillage).toEqual({ xihe: 3, nanshan: 1 });
  });

  it('gives mean and median hours to first response and to resolution', () => {
    const s = computeStats(cases, {}, NOW);
    expect(s.firstResponseHours).toEqual({ mean: 3, median: 3 });
    expect(s.resolutionHours).toEqual({ mean: 6, median: 6 });
  });

  it('counts only cases received in the date range', () => {
    const s = computeStats(cases, { from: '2026-11-19', to: '2026-11-19' }, NOW);
    expect(s.total).toBe(2);
  });

  it('has a point for each of the last 8 weeks, empty ones included', () => {
    const s = computeStats(cases, {}, NOW);
    expect(s.weeks).toHaveLength(8);
    expect(s.weeks.at(-1)).toMatchObject({ week: '2026-11-16', received: 4, responded: 2, resolved: 1 });
    expect(s.weeks[0]?.received).toBe(0);
  });
});
