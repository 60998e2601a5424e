import { describe, expect, it } from 'vitest';
import { understand } from '../../src/nlu/index.js';
import { REPLY_CONFIDENCE, wouldReply } from '../../src/nlu/policy.js';

describe('wouldReply', () => {
  it('answers whoever mentions the bot, even for chit-chat', () => {
    expect(wouldReply({ intent: 'other', actionable: 0.01, urgent: false, mentioned: true })).toBe(true);
  });

  it('stays silent when called only to be thanked, and answers a call with a question', () => {
    expect(understand('@村小助 谢谢', { mentioned: true }).wouldReply).toBe(false);
    expect(understand('@村小助 好的 收到[抱拳]', { mentioned: true }).wouldReply).toBe(false);
    expect(understand('@村小助 你好', { mentioned: true }).wouldReply).toBe(true);
    const asked = understand('@村小助 农村老年金怎么交', { mentioned: true });
    expect([asked.intent, asked.wouldReply]).toEqual(['service_request', true]);
  });

  it('answers every emergency', () => {
    expect(wouldReply({ intent: 'other', actionable: 0.4, urgent: true, mentioned: false })).toBe(true);
  });

  it('stays silent on unmentioned chit-chat and on unsure actionable guesses', () => {
    expect(wouldReply({ intent: 'other', actionable: 0.01, urgent: false, mentioned: false })).toBe(false);
    expect(
      wouldReply({ intent: 'service_request', actionable: REPLY_CONFIDENCE - 0.01, urgent: false, mentioned: false }),
    ).toBe(false);
    expect(wouldReply({ intent: 'service_request', actionable: 0.9, urgent: false, mentioned: false })).toBe(true);
  });

  it('keeps the bot quiet in a chatty group and speaks to a request', () => {
    const chat = ['哈哈哈 老王你那鱼也太小了', '收到 谢谢支书', '[红包]恭喜发财', '今天集上人真多', '明天下雨不'];
    for (const text of chat) expect(understand(text).wouldReply, text).toBe(false);
    expect(understand('村口的路灯坏了好几天了 麻烦派人修一下').wouldReply).toBe(true);
  });
});
