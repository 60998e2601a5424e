import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/cases/store.js';
import { ManualClock } from '../../src/config/clock.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('numbers');
let redis: Redis;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
});
afterAll(async () => close());

describe('case numbers after lost numbering state', () => {
  it('go on from the highest number stored that day, never from 001 again', async () => {
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const store = new CaseStore(redis, prefix, clock);
    const at = clock.now().toISOString();
    const first = await store.createOrMerge(caseInput({ receivedAt: at }));
    const second = await store.createOrMerge(caseInput({ receivedAt: at }));
    expect([first.case.number, second.case.number]).toEqual(['XH-1201-001', 'XH-1201-002']);
    // The day's counter is gone (evicted, or an old snapshot restored) while the cases are still there.
    await redis.del(store.keys.sequence('XH', '20261201'));
    const third = await store.createOrMerge(caseInput({ receivedAt: at }));
    expect(third.case.number).toBe('XH-1201-003');
  });
});
