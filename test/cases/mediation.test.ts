import { describe, expect, it } from 'vitest';
import { ladderOf, mediate } from '../../src/cases/mediation.js';
import { storedCase } from '../helpers/cases.js';

/** The Chinese reason a refused step gives the mediator. */
function refusal(step: () => unknown): string | null {
  try {
    step();
  } catch (err) {
    return (err as { chinese: string }).chinese;
  }
  return null;
}

const at = new Date('2026-12-01T02:00:00Z');
const dispute = () => storedCase({ receivedAt: at.toISOString(), intent: 'dispute_report', events: [] });

describe('the mediation ladder', () => {
  it('goes up a rung when mediation at one fails, writing each step on the timeline', () => {
    let c = mediate(dispute(), { level: 'group', outcome: '未成功', note: '组长调解，双方各不相让' }, 'user:he', at);
    c = mediate(c, { level: 'village', outcome: '调解成功', note: '签订调解协议' }, 'user:du', at);
    expect(c.mediation).toEqual({ level: 'village', outcome: '调解成功' });
    expect(c.events.map((e) => e.text)).toEqual([
      '村民小组调解：未成功。组长调解，双方各不相让',
      '村调委会调解：调解成功。签订调解协议',
    ]);
  });

  it('never goes down, never repeats a failed rung, and ends at 调解成功 or 撤回', () => {
    const atVillage = mediate(dispute(), { level: 'village', outcome: '未成功', note: '' }, 'user:du', at);
    expect(refusal(() => mediate(atVillage, { level: 'group', note: '' }, 'user:du', at))).toMatch(/只能往上一级/);
    expect(refusal(() => mediate(atVillage, { level: 'village', note: '' }, 'user:du', at))).toMatch(/请转到上一级/);
    const withdrawn = mediate(atVillage, { level: 'township', outcome: '撤回', note: '当事人撤回' }, 'user:lu', at);
    expect(refusal(() => mediate(withdrawn, { level: 'court', note: '' }, 'user:lu', at))).toMatch(/已经撤回/);
  });

  it('reads the ladder back from the timeline: each rung’s dates, people, outcome and last note', () => {
    const later = new Date('2026-12-03T08:00:00Z');
    const du = { name: '杜建军', role: '治保调解主任', kind: 'committee' } as const;
    let c = mediate(dispute(), { level: 'group', outcome: '未成功', note: '双方各不相让' }, 'user:he', at);
    c = mediate(c, { level: 'village', note: '', people: du }, 'user:he', at);
    c = mediate(c, { level: 'village', outcome: '调解成功', note: '签订调解协议' }, 'user:du', later);
    expect(ladderOf(c)).toEqual([
      {
        level: 'group',
        startedAt: at.toISOString(),
        outcome: '未成功',
        endedAt: at.toISOString(),
        note: '双方各不相让',
      },
      {
        level: 'village',
        startedAt: at.toISOString(),
        outcome: '调解成功',
        endedAt: later.toISOString(),
        people: { name: '杜建军', role: '治保调解主任' },
        note: '签订调解协议',
      },
      { level: 'township' },
      { level: 'court' },
    ]);
  });

  it('is for disputes only', () => {
    const request = storedCase({ receivedAt: at.toISOString(), intent: 'service_request' });
    expect(refusal(() => mediate(request, { level: 'village', note: '' }, 'user:he', at))).toMatch(/只有矛盾纠纷/);
  });
});
