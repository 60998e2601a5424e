import { describe, expect, it } from 'vitest';
import { caseIdFor, formatCaseNumber, localDay } from '../../src/cases/numbering.js';

describe('case numbers', () => {
  it('count the village’s own day: 23:30 in Beijing is still that day', () => {
    const late = new Date('2026-11-21T15:30:00Z');
    expect(localDay(late, 'Asia/Shanghai')).toEqual({ ymd: '20261121', mmdd: '1121' });
    expect(localDay(new Date('2026-11-21T16:30:00Z'), 'Asia/Shanghai').mmdd).toBe('1122');
  });

  it('read as prefix, month-day and a three-digit sequence, and grow past 999', () => {
    const day = { ymd: '20261121', mmdd: '1121' };
    expect(formatCaseNumber('XH', day, 7)).toBe('XH-1121-007');
    expect(formatCaseNumber('XH', day, 1234)).toBe('XH-1121-1234');
  });

  it('have an id with the year, so last year’s XH-1121-007 is another case', () => {
    expect(caseIdFor('XH', { ymd: '20261121', mmdd: '1121' }, 7)).toBe('XH-20261121-007');
    expect(caseIdFor('XH', { ymd: '20271121', mmdd: '1121' }, 7)).not.toBe('XH-20261121-007');
  });
});
