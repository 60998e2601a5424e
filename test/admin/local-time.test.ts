import { describe, expect, it } from 'vitest';
import { localDate, localTime, mondayOf, startOfDay } from '../../src/admin/local-time.js';

describe('local time', () => {
  it('reads an instant as the zone’s wall clock, 24-hour', () => {
    expect(localTime('2026-12-01T17:30:00Z', 'Asia/Shanghai')).toBe('2026-12-02 01:30');
    expect(localTime('2026-12-01T16:05:00Z', 'Asia/Shanghai')).toBe('2026-12-02 00:05');
    expect(localTime(null, 'Asia/Shanghai')).toBe('');
  });

  it('finds local midnight, also on the days a zone changes its clocks', () => {
    expect(new Date(startOfDay('2026-12-02', 'Asia/Shanghai')).toISOString()).toBe('2026-12-01T16:00:00.000Z');
    // New York: EST (-5) before 8 March, EDT (-4) from then until 1 November 02:00.
    expect(new Date(startOfDay('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(startOfDay('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(startOfDay('2026-11-02', 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('puts a Sunday in the week of the Monday before it', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf(localDate(Date.parse('2026-11-29T17:00:00Z'), 'Asia/Shanghai'))).toBe('2026-11-30');
  });
});
