import { describe, expect, it } from 'vitest';
import { openConsultation, recordVoice, tally } from '../../src/proposals/consultation.js';
import { parseRoster } from '../../src/villages/residents.js';

const roster = parseRoster(
  '姓名,村民小组,户号,手机号,在外\n李建军,一组,0101,,否\n李秀英,一组,0101,,否\n郭宏伟,一组,0115,,是\n',
  'r.csv',
);
const at = new Date('2026-12-01T02:00:00Z');
const open = (perHousehold: boolean) =>
  openConsultation({
    caseId: 'c',
    number: 'XH-1',
    village: 'xihe',
    text: '修路',
    actor: 'u',
    hours: 24,
    perHousehold,
    now: at,
  });
const vote = (c: ReturnType<typeof open>, id: string, choice: 'support' | 'oppose', min: number) =>
  recordVoice(c, { resident: id, name: id }, { choice, via: '私聊' }, new Date(at.getTime() + min * 60_000))
    .consultation;

describe('tally', () => {
  it('counts one voice per villager, or per household when the village says so', () => {
    let c = open(false);
    c = vote(c, '一组|0101|李建军', 'support', 1);
    c = vote(c, '一组|0101|李秀英', 'oppose', 2);
    c = vote(c, '一组|0115|郭宏伟', 'support', 3);
    expect(tally(c, roster)).toMatchObject({ support: 2, oppose: 1, voters: 3 });
    const household = { ...c, perHousehold: true };
    // 0101's latest voice (李秀英, oppose) stands for the household.
    expect(tally(household, roster)).toMatchObject({ support: 1, oppose: 1, voters: 2 });
    expect(tally(c, roster).byPlace.在外.support).toBe(1);
  });

  it('refuses a voice after the deadline', () => {
    expect(() => vote(open(false), '一组|0101|李建军', 'support', 25 * 60)).toThrow(/closed/);
  });
});
