import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyFromConfig } from '../../src/bot/policy.js';
import { ManualClock } from '../../src/config/clock.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { testPrefix } from '../helpers/redis.js';
import { startTestSpine, type TestSpine } from '../helpers/spine.js';

describe('cooldowns and quiet hours as settings', () => {
  it('reads the cooldowns from the environment and refuses a wrong value naming it', () => {
    const policy = policyFromConfig(loadConfig({ RESIDENT_COOLDOWN_S: '120', ROOM_COOLDOWN_S: '0' }), []);
    expect(policy).toMatchObject({ residentCooldownMs: 120_000, roomCooldownMs: 0 });
    expect(policyFromConfig(loadConfig({ QUIET_HOURS: '23-6' }), []).quiet).toEqual({ start: 23, end: 6 });
    expect(() => loadConfig({ RESIDENT_COOLDOWN_S: '-5' })).toThrow(ConfigError);
    expect(() => loadConfig({ ROOM_COOLDOWN_S: 'soon' })).toThrow(/ROOM_COOLDOWN_S/);
  });
});

describe('a cooldown starts only when the bot spoke', () => {
  let t: TestSpine;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await startTestSpine(testPrefix('cool2'), {
      policy: { residentCooldownMs: 60_000, roomCooldownMs: 5_000 },
      clock,
    });
  });
  afterAll(async () => t.close());

  it('answers a resident held back by the room cooldown once the room’s has passed, not 60 s later', async () => {
    await t.say({ from: '甲', text: '@村小助 你好', mentioned: true, at: clock.now() });
    await t.say({ from: '乙', text: '@村小助 你好', mentioned: true, at: clock.now() });
    expect(t.take().map((m) => m.text.slice(0, 3))).toEqual(['@甲 ']);
    clock.advance(6_000);
    await t.say({ from: '乙', text: '@村小助 在吗', mentioned: true, at: clock.now() });
    expect(t.take().map((m) => m.text.slice(0, 3))).toEqual(['@乙 ']);
  });
});
