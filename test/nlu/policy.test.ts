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

  it('needs a question or request, not a topic word, before it speaks unasked', () => {
    // Each names a topic the bot knows (低保, 医保, 宅基地, 路灯) in a notice, a forward, gossip or talk between members.
    for (const text of [
      '转发:【重磅】明年农村低保标准又要提高了',
      '村委会通知:本周五前请各户缴纳城乡居民医保',
      '听说老孙家为宅基地跟他弟闹翻了',
      '@老周 你家那低保批下来没',
      '三舅 你那医保卡办好了没',
      '路灯修好了 晚上亮堂多了',
    ]) {
      expect(understand(text).wouldReply, text).toBe(false);
    }
    for (const text of ['我家低保怎么停了 找谁问', '三组路灯坏了半个月了 麻烦派人来修']) {
      expect(understand(text).wouldReply, text).toBe(true);
    }
  });

  it('holds a notice or a message to another member to a higher bar than a question', () => {
    const signals = { asks: true, broadcast: false };
    expect(wouldReply({ intent: 'service_request', actionable: 0.7, urgent: false, mentioned: false, signals })).toBe(
      true,
    );
    const broadcast = { asks: true, broadcast: true };
    expect(
      wouldReply({ intent: 'service_request', actionable: 0.7, urgent: false, mentioned: false, signals: broadcast }),
    ).toBe(false);
    const unasked = { asks: false, broadcast: false };
    expect(
      wouldReply({ intent: 'service_request', actionable: 0.7, urgent: false, mentioned: false, signals: unasked }),
    ).toBe(false);
  });
});
