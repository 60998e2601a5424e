import { describe, expect, it } from 'vitest';
import { inQuietHours, localHour } from '../../src/bot/policy.js';

describe('quiet hours', () => {
  const tz = 'Asia/Shanghai';
  const at = (h: number) => new Date(Date.UTC(2026, 10, 21, (h + 24 - 8) % 24, 30));
  it('span midnight when the start is after the end', () => {
    const policy = { quiet: { start: 22, end: 7 }, timeZone: tz };
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
