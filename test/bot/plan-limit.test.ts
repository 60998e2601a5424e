import { describe, expect, it } from 'vitest';
import { limitVerdict } from '../../src/bot/plan-limit.js';

describe('the per-resident limit on new cases', () => {
  it('opens the first five of an hour', () => {
    expect(limitVerdict({ opened: 5, urgent: false, toldBefore: false })).toBe('open');
  });

  it('says why once, then keeps quiet', () => {
    expect(limitVerdict({ opened: 6, urgent: false, toldBefore: false })).toBe('tell');
    expect(limitVerdict({ opened: 7, urgent: false, toldBefore: true })).toBe('silent');
  });

  it('never holds back an emergency', () => {
    expect(limitVerdict({ opened: 50, urgent: true, toldBefore: true })).toBe('open');
  });
});
