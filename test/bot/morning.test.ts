import { describe, expect, it } from 'vitest';
import { quietEnds } from '../../src/bot/morning.js';

const policy = { quiet: { start: 22, end: 7 }, timeZone: 'Asia/Shanghai' };

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
