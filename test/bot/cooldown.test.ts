import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/config/clock.js';
import { testPrefix } from '../helpers/redis.js';
import { startTestSpine, type TestSpine } from '../helpers/spine.js';

describe('the bot when poked', () => {
  let t: TestSpine;
  const clock = new ManualClock(new Date());
  beforeAll(async () => {
    // The cooldown lives in Redis (several bot processes share it) and runs on the bot's clock; what the bot does at
    // night is in plan.test.ts.
    t = await startTestSpine(testPrefix('policy'), {
      policy: { residentCooldownMs: 60_000, roomCooldownMs: 0 },
      clock,
    });
  });
  afterAll(async () => t.close());

  it('gives a resident who keeps poking the bot one hint, not one per poke', async () => {
    await t.say({ room: null, from: '好奇宝宝', text: '你好呀，我就是想跟你打个招呼，看看你在不在', at: clock.now() });
    await t.say({ room: null, from: '好奇宝宝', text: '哈哈哈，你是机器人吗？挺好玩的嘛', at: clock.now() });
    expect(t.take()).toHaveLength(1);
  });

  it('answers again once the cooldown has passed on its clock', async () => {
    await t.say({ room: null, from: '再问问', text: '你好呀，我就是想跟你打个招呼，看看你在不在', at: clock.now() });
    clock.advance(61_000);
    await t.say({ room: null, from: '再问问', text: '哈哈哈，你是机器人吗？挺好玩的嘛', at: clock.now() });
    expect(t.take()).toHaveLength(2);
  });
});
