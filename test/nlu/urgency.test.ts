import { describe, expect, it } from 'vitest';
import { understand } from '../../src/nlu/index.js';
import { dangerHits, emergencyOf } from '../../src/nlu/urgency.js';

const live = (text: string) => dangerHits(text).some((h) => h.live);

describe('danger lexicon', () => {
  it('finds a present danger and names the numbers to call', () => {
    expect(emergencyOf(dangerHits('快来人 老杨家的麦秸垛着火了'))).toEqual({ kind: 'fire', numbers: ['119'] });
    expect(emergencyOf(dangerHits('他拿着菜刀砍人 流了好多血'))?.numbers).toEqual(['110', '120']);
    expect(emergencyOf(dangerHits('俺娘跟俺嫂吵完架 说不想活了'))?.kind).toBe('selfharm');
  });

  it('ignores negated, hypothetical and prevented dangers', () => {
    expect(live('不是着火 是邻居家烧秸秆')).toBe(false);
    expect(live('万一着火了咋办')).toBe(false);
    expect(live('冬季注意防火 谨防煤气中毒')).toBe(false);
  });

  it('ignores past dangers but not a present one after a past clause', () => {
    expect(live('上次着火烧了俺家柴房')).toBe(false);
    expect(live('去年发大水冲了俺家地')).toBe(false);
    expect(live('去年修的墙 今天塌了 压着人了')).toBe(true);
  });

  it('keeps a story told in the past there until a present word brings it to now', () => {
    expect(live('前年发洪水那次 我家的猪都冲走了 现在想想还心疼')).toBe(false);
    expect(live('昨天晚上 两家打起来了 现在还在打')).toBe(true);
    expect(live('刚才那个着火的视频是哪里的')).toBe(false);
    // Still bleeding is now, though the fall was last night.
    expect(live('我老娘昨晚摸黑出门摔了一跤 头磕破了一直流血')).toBe(true);
    // Not being back yet is the present, however the story began.
    expect(live('昨天下午出的门 一晚上没回家 我妈有点糊涂')).toBe(true);
  });

  it('ignores dangers already over and forwarded safety articles', () => {
    expect(live('那个走丢的娃找到了 谢谢大家')).toBe(false);
    expect(live('转发:暑期防溺水六不准 发现有人落水要大声呼救')).toBe(false);
  });

  it('takes a question about who pays for an accident as over, but not a threat asked about', () => {
    expect(live('干活从房顶摔下来 腿骨折了 东家该不该赔偿')).toBe(false);
    expect(live('他拿着刀堵在门口要砍我 这犯法吗')).toBe(true);
  });

  it('ignores hurt animals, long illnesses, hyperbole and reposts', () => {
    expect(live('我家羊受伤了 哪有兽医')).toBe(false);
    expect(live('俺娘中风好几年了 药费能报多少')).toBe(false);
    expect(live('气得我心脏病都要犯了')).toBe(false);
    expect(live('求扩散 外省一水库决堤')).toBe(false);
    expect(live('谁家孩子让狗咬伤了 在哭')).toBe(true);
  });

  it('takes a house that fell down earlier as over once the writer asks where to live or for relief', () => {
    expect(live('老家的房子倒了 我现在没地方住')).toBe(false);
    expect(live('我家的墙倒了 还好没砸到人 现在住在棚子里 能申请救助吗')).toBe(false);
    expect(live('墙倒了砸到人了 快叫120')).toBe(true);
    expect(live('我家牛被他家的狗咬伤了 他不认账')).toBe(false);
  });

  it('does not take a lost dog for a missing child', () => {
    expect(live('我家狗丢了 谁看见说一声')).toBe(false);
    expect(live('俺孙子放学到现在没回来 八岁 谁看见了')).toBe(true);
  });
});

describe('urgency in understand', () => {
  it('flags emergencies in several styles, with the numbers to call', () => {
    for (const text of [
      '快来人啊 西头老刘家柴火垛着了 火老大了',
      '急!!两家人在村口打起来了,有人拿锄头,头上流血了',
      '俺爹在地里晕倒了 叫不醒',
      '有个娃掉水塘里了 快来人',
      '屋里一股煤气味 俺娘躺地上了',
      // A missing person told as a story, without a cry for help.
      '我家孩子下午出去玩 八个钟头了还没找到',
      '老人走丢了一天了 穿灰褂子',
      // Hidden from the lexicon by invisible characters or typed one character at a time.
      '着\u200b火\u2060了 快来人',
      '跟我妈吵完 我 不 想 活 了',
    ]) {
      const u = understand(text);
      expect(u.urgent, text).toBe(true);
      expect(u.emergency?.numbers.length, text).toBeGreaterThan(0);
    }
  });

  it('flags an emergency told by what the writer sees rather than by its name', () => {
    for (const text of [
      // A body that does not answer, someone under or shut in, a weapon in hand, pills put aside.
      '俺大姑靠在门框上 喊她半天不应 嘴边上都是白沫',
      '砖窑顶落下来了 老周压在底下 只听见哼哼',
      '他媳妇把他反锁在屋里了 里头一点动静没有',
      '那人拎着砍刀在祠堂门口转悠 谁都不敢过去',
      '我妹跟我说不想连累家里 这几个月偷偷攒了一瓶安眠药',
      '堰塘边上就剩一只拖鞋 刚才还在那玩的娃没见上来',
    ]) {
      expect(understand(text).urgent, text).toBe(true);
    }
  });

  it('does not take a risk some day or an illness of long standing for an emergency now', () => {
    for (const text of ['那座土房子过几年怕是要塌 能不能申请危房改造', '我妈的心脏病老毛病了 每个月都要去镇上拿药']) {
      expect(understand(text).urgent, text).toBe(false);
    }
  });

  it('leaves past accidents, legal questions about them, and jokes alone', () => {
    for (const text of [
      '去年俺家房子着火 是邻居电线引起的 能告他吗',
      '这辣椒辣得我嘴里冒火 哈哈',
      '看新闻说外省发洪水了 太惨了',
      '冬季防火 人人有责 请大家不要烧荒',
    ]) {
      expect(understand(text).urgent, text).toBe(false);
    }
  });
});
