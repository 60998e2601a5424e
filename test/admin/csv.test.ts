import { describe, expect, it } from 'vitest';
import { casesCsv } from '../../src/admin/csv.js';
import { storedCase } from '../helpers/cases.js';

const villages = new Map();
const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

describe('casesCsv', () => {
  it('writes times in the deployment time zone as 2026-12-02 01:30', () => {
    const c = storedCase({ receivedAt: '2026-12-01T17:30:00Z', firstResponseAt: '2026-12-01T18:05:00Z' });
    const [, row] = rowsOf(casesCsv([c], villages, 'Asia/Shanghai'));
    expect(row).toContain(',2026-12-02 01:30,');
    expect(row).toContain(',2026-12-02 02:05,');
    const [, utcRow] = rowsOf(casesCsv([c], villages, 'UTC'));
    expect(utcRow).toContain(',2026-12-01 17:30,');
  });

  it('starts with a BOM and the Chinese header row, and ends every row with CRLF', () => {
    const csv = casesCsv([storedCase({ receivedAt: '2026-12-01T17:30:00Z' })], villages, 'Asia/Shanghai');
    expect(csv.startsWith('\uFEFF编号,村,群,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rowsOf(csv)).toHaveLength(3);
  });

  it.each(['=1+1', '+86 139', '-2+3', '@SUM(A1)'])('defuses a resident text starting like a formula: %s', (text) => {
    const [, row] = rowsOf(casesCsv([storedCase({ receivedAt: '2026-12-01T17:30:00Z', text })], villages, 'UTC'));
    expect(row?.endsWith(`,'${text}`)).toBe(true);
  });

  it('quotes commas, quotes and line breaks so a cell stays one cell', () => {
    const text = '他说："地是我的"，\n还动了手, 怎么办';
    const csv = casesCsv([storedCase({ receivedAt: '2026-12-01T17:30:00Z', text })], villages, 'UTC');
    expect(csv).toContain('"他说：""地是我的""，\n还动了手, 怎么办"');
  });
});
