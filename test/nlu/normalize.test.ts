import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/nlu/normalize.js';

describe('normalize', () => {
  it('removes the bot mention however WeChat or the resident ended it', () => {
    expect(normalize('@村小助\u2005低保怎么申请')).toBe('低保怎么申请');
    expect(normalize('@村小助 低保怎么申请')).toBe('低保怎么申请');
    expect(normalize('低保怎么申请 @村小助')).toBe('低保怎么申请');
    expect(normalize('@村小助低保怎么申请')).toBe('低保怎么申请');
  });

  it('removes the mention of a bot with another name, and keeps other people’s mentions', () => {
    expect(normalize('@东山小助\u2005路灯坏了', '东山小助')).toBe('路灯坏了');
    expect(normalize('@东山小助\u2005路灯坏了', ['村小助', '东山小助'])).toBe('路灯坏了');
    expect(normalize('@张三\u2005你家路灯坏了')).toBe('@张三 你家路灯坏了');
  });

  it('turns full-width letters, digits and punctuation half-width', () => {
    expect(normalize('ＡＢＣ１２３，请问？')).toBe('ABC123,请问?');
  });

  it('turns traditional characters into simplified ones', () => {
    expect(normalize('請問離婚的時候房子怎麼分')).toBe('请问离婚的时候房子怎么分');
  });

  it('drops WeChat sticker codes', () => {
    expect(normalize('笑死我了[捂脸][呲牙] 好的[OK]')).toBe('笑死我了 好的');
  });

  it('collapses repeated punctuation', () => {
    expect(normalize('快来人！！！着火了。。。')).toBe('快来人!着火了。');
  });

  it('fixes voice-input slips of village words', () => {
    expect(normalize('俺家地保咋还没发 在基地的事也没人管 新农和交了没')).toBe(
      '俺家低保咋还没发 宅基地的事也没人管 新农合交了没',
    );
  });

  it('turns Cantonese, Wu and Northeastern words into Mandarin', () => {
    expect(normalize('佢哋唔肯畀钱 可唔可以告佢')).toBe('他们不肯给钱 可不可以告他');
    expect(normalize('阿妈喺屋企跌低咗 点算')).toBe('阿妈在家里摔倒了 怎么办');
    expect(normalize('侬好 伊拉困不着')).toBe('你好 他们睡不着');
    expect(normalize('这嘎达咋整啊')).toBe('这里怎么办啊');
  });

  it('leaves an ordinary sentence as it is', () => {
    expect(normalize('今年的种粮补贴什么时候发')).toBe('今年的种粮补贴什么时候发');
  });
});
