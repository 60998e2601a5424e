import { describe, expect, it } from 'vitest';
import { cleanDisplayText, normalize } from '../../src/nlu/normalize.js';

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

  it('drops zero-width, soft-hyphen, word-joiner, BOM and bidi characters before anything reads the text', () => {
    expect(normalize('我\u200b不\u00ad想\u2060活\ufeff了')).toBe('我不想活了');
    expect(normalize('着\u180e火\u202e了\u202c 快来人\u2066\u2069')).toBe('着火了 快来人');
    expect(normalize('@村\u200b小助 低保怎么申请')).toBe('低保怎么申请');
  });

  it('joins a word typed one character at a time, and keeps the spaces between phrases', () => {
    expect(normalize('跟儿子吵完架 我 不 想 活 了')).toBe('跟儿子吵完架 我不想活了');
    expect(normalize('着·火·了')).toBe('着火了');
    expect(normalize('漏雨很严重 希望尽快修一修')).toBe('漏雨很严重 希望尽快修一修');
    expect(normalize('电费 怎么交')).toBe('电费 怎么交');
  });

  it('leaves an ordinary sentence as it is', () => {
    expect(normalize('今年的种粮补贴什么时候发')).toBe('今年的种粮补贴什么时候发');
  });
});

describe('cleanDisplayText', () => {
  it('drops the characters that hide or reorder a name or a reply, and keeps emoji whole', () => {
    expect(cleanDisplayText('张\u202e三\u200b丰\u0007')).toBe('张三丰');
    expect(cleanDisplayText('老王👨\u200d👩\u200d👧 家')).toBe('老王👨\u200d👩\u200d👧 家');
  });
});
