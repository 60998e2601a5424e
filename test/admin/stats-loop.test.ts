import { describe, expect, it } from 'vitest';
import { loopFigures } from '../../src/admin/stats-loop.js';
import type { Case } from '../../src/cases/schema.js';
import { storedCase } from '../helpers/cases.js';

const at = '2026-12-01T02:00:00.000Z';
const closedWith = (over: Partial<Case>, reopened = false): Case =>
  storedCase({
    receivedAt: at,
    status: 'closed',
    events: [
      { at, actor: 'user:he', type: 'status', data: { from: 'answered', to: 'closed' } },
      ...(reopened
        ? [{ at, actor: 'resident:n', type: 'status' as const, data: { from: 'closed', to: 'reopened' } }]
        : []),
    ],
    ...over,
  });

describe('满意率, 重开率 and 小事不出村', () => {
  it('counts 满意 and 基本满意 among the answers given; 未评价 is shown apart and never counts as satisfied', () => {
    const f = loopFigures([
      closedWith({ survey: { askedAt: at, answer: '满意' } }),
      closedWith({ survey: { askedAt: at, answer: '基本满意' } }),
      closedWith({ survey: { askedAt: at, answer: '不满意' } }, true),
      closedWith({ survey: { askedAt: at, answer: '不满意' } }, true),
      closedWith({ survey: { askedAt: at, expiredAt: at } }),
    ]);
    expect(f.satisfactionRate).toBe(0.5);
    expect(f.survey).toEqual({ 满意: 1, 基本满意: 1, 不满意: 2, 未评价: 1 });
    expect(f.reopenRate).toBe(0.4);
  });

  it('gives the share of settled disputes settled in the village (村民小组 or 村调委会)', () => {
    const dispute = (level: 'group' | 'village' | 'township', outcome: '调解成功' | '未成功') =>
      storedCase({ receivedAt: at, intent: 'dispute_report', mediation: { level, outcome } });
    const f = loopFigures([
      dispute('group', '调解成功'),
      dispute('village', '调解成功'),
      dispute('village', '未成功'),
      dispute('township', '调解成功'),
    ]);
    expect(f.resolvedInVillageRate).toBe(0.67);
  });

  it('says nothing rather than 0% when nobody was asked yet', () => {
    expect(loopFigures([storedCase({ receivedAt: at })])).toMatchObject({ satisfactionRate: null, reopenRate: null });
  });
});
