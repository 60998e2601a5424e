import { describe, expect, it } from 'vitest';
import { groupKey, parseRoster, RosterError } from '../../src/villages/residents.js';

const HEADER = '姓名,村民小组,户号,手机号,在外,备注';

describe('parseRoster (residents.csv)', () => {
  it('reads a roster with a BOM, keeps extra columns and reads 在外', () => {
    const roster = parseRoster(`\uFEFF${HEADER}\n孙国平,四组,0412,137,是,在深圳\n王芳,二组,0207,,,\n`, 'r.csv');
    expect(roster).toHaveLength(2);
    expect(roster[0]).toMatchObject({ name: '孙国平', away: true, extra: { 备注: '在深圳' } });
    expect(roster[1]?.away).toBe(false);
  });

  it('names file, line and fix for each mistake', () => {
    const bad = () => parseRoster(`${HEADER}\n孙国平,四组,0412,137,外地,\n,二组,0207,,,\n`, 'r.csv');
    expect(bad).toThrow(RosterError);
    expect(bad).toThrow(/r\.csv: line 2: 在外 is "外地" — write 是, 否 or leave it empty/);
    expect(bad).toThrow(/r\.csv: line 3: 姓名 is empty/);
    expect(() => parseRoster('姓名,户号\n', 'r.csv')).toThrow(/line 1 lacks the column\(s\) 村民小组, 手机号, 在外/);
  });

  it('reads group numbers however they are written', () => {
    expect(['四组', '第四村民小组', '4组', '04'].map(groupKey)).toEqual(['4', '4', '4', '4']);
    expect(groupKey('十二组')).toBe('12');
  });
});
