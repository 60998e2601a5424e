import { describe, expect, it } from 'vitest';
import { matchEntry, parseBindRequest } from '../../src/residents/bind.js';
import { parseRoster } from '../../src/villages/residents.js';

const roster = parseRoster(
  '姓名,村民小组,户号,手机号,在外\n王芳,二组,0207,,否\n王芳,五组,0503,,是\n孙国平,四组,0412,,是\n',
  'r.csv',
);

describe('matchEntry', () => {
  it('binds a unique name, and tells two of a name apart by group or household', () => {
    expect(matchEntry(roster, { name: '孙国平' })).toMatchObject({ ok: true });
    expect(matchEntry(roster, { name: '王芳', group: '5组' })).toMatchObject({
      ok: true,
      resident: { household: '0503' },
    });
    expect(matchEntry(roster, { name: '王芳', household: '0207' })).toMatchObject({
      ok: true,
      resident: { group: '二组' },
    });
  });

  it('refuses an ambiguous or unknown name with the reason', () => {
    expect(matchEntry(roster, { name: '王芳' })).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(matchEntry(roster, { name: '王芳', group: '三组' })).toMatchObject({ ok: false, reason: 'unknown' });
  });
});

describe('parseBindRequest', () => {
  it('reads a resident asking to be bound', () => {
    expect(parseBindRequest('我是四组的孙国平，想登记')).toEqual({ name: '孙国平', group: '四组' });
    expect(parseBindRequest('我叫王芳，户号0503，申请实名')).toEqual({ name: '王芳', household: '0503' });
    expect(parseBindRequest('我是来问低保的')).toBeNull();
  });
});
