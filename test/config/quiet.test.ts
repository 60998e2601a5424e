import { describe, expect, it } from 'vitest';
import { inQuietHours, localHour, quietEnds } from '../../src/config/quiet.js';

const tz = 'Asia/Shanghai';
const policy = { quiet: { start: 22, end: 7 }, timeZone: tz };

describe('quiet hours', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 21, (h + 24 - 8) % 24, 30));
  it('span midnight when the start is after the end', () => {
    expect([21, 22, 23, 0, 6, 7, 12].map((h) => inQuietHours(at(h), policy))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
  it('are read in the village’s time zone', () => {
    expect(localHour(new Date(Date.UTC(2026, 10, 21, 15, 0)), tz)).toBe(23);
  });
});

describe('the morning after quiet hours', () => {
  it('is 07:00 Beijing time for a message at 23:40 or at 03:10', () => {
    expect(quietEnds(new Date('2026-12-01T23:40:00+08:00'), policy).toISOString()).toBe('2026-12-01T23:00:00.000Z');
    expect(quietEnds(new Date('2026-12-02T03:10:00+08:00'), policy).toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });

  it('is the message’s own time in the daytime', () => {
    const noon = new Date('2026-12-01T12:00:00+08:00');
    expect(quietEnds(noon, policy)).toEqual(noon);
  });
});
