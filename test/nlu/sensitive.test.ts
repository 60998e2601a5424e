import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/nlu/normalize.js';
import { sensitiveOf } from '../../src/nlu/sensitive.js';

const kindsOf = (text: string) => sensitiveOf(normalize(text))?.kinds ?? [];

// The blind tester's messages (blind-loop 02 and 09), then variants nobody tuned on when they were written: other
// pronouns (俺 咱 阿拉 额), other words for a husband or a child, other verbs, euphemisms.
const FOUND: Record<string, string[]> = {
  self_harm: [
    '最近老是睡不着 活着真没意思 药都攒好了',
    '人家不想活了 你们别管',
    '活着也没啥盼头 不如早点走',
    '日子过成这样 活着还有啥意思',
    '活着一点盼头都没有',
    '我这辈子算是完了 不想再活下去了',
    '我这个病拖累全家 走了算了',
    '我是个废人了 拖累一家人 还不如死了干净',
    '安眠药我已经攒够了 谁也别拦我',
    '不想拖累孩子了 药都准备好了',
    '后事我都交代好了 存折在柜子里',
    '真想一了百了',
    '老子不活了',
    '怕她想不开 昨天一直在哭',
    '最近总想着从桥上跳下去',
    '她说这日子没法过了 想喝药',
    '活着太累了 真想一睡不醒',
    '我妈说等她死了我们就轻松了 今天一直不吃饭',
  ],
  domestic_violence: [
    '咱家那口子一喝多就揍咱 咱也不敢吭声',
    '孩子他爹又拿皮带抽俺 胳膊上全是印子',
    '俺被当家的打得下不了床',
    '阿拉老公天天打阿拉',
    '俺屋里那个昨晚又把俺揍了一顿 牙都松了',
    '媳妇天天挨她男人打 邻居都听得见',
    '男人喝完酒拿凳子砸我 我跑到娘家了',
    '俺男人又喝多了 抄起板凳就往俺身上砸',
    '我家那个死鬼又动手了 打得我满地爬',
    '老公拿烟头烫我手 说我不听话',
    '隔壁老张一喝酒就打老婆 昨晚又打了',
    '前夫扬言要弄死我 还天天在我家门口转',
    '俺公公婆婆合伙打俺 说俺不下蛋',
    '儿子喝了酒就踹他老娘 老太太哭了一晚上',
    '他一喝酒就打我 我身上都是伤 他是我老公',
  ],
  sexual_violence: [
    // The victim herself, leaving the subject out as people do.
    '前天晚上在玉米地里被人糟蹋了 俺不敢跟家里说 也不敢报警',
    '我闺女被村里一个老光棍欺负了 就是那种欺负 不敢跟人说',
    '我家闺女放学路上被一个男的拖到玉米地里 欺负了 回来一直哭',
    '那个老光棍老是摸俺妮子 还给她糖吃 叫她别跟大人说',
    '有个男的对我家妮子动手动脚',
    '俺家丫头被人糟蹋了 俺不知道咋办',
    '那个畜生把我闺女糟蹋了',
    '村里的光棍占小姑娘便宜 摸来摸去的',
    '邻居老汉把手伸进我女儿衣服里',
    '村里那个光棍把我家丫头骗到他屋里 脱了她裤子',
    '他强行跟我发生了关系',
    '我妹被村里二流子欺负了 就是那种事 她不敢说',
  ],
  child_abuse: [
    '隔壁家那个小孩天天被他后妈打 身上青一块紫一块的 饭也不给吃',
    '那家的后爹老是揍娃 把娃关在柴房里',
    '邻居家孩子身上好多烟头烫的疤',
    '他爸天天打他 打得孩子浑身是伤',
    '那个小孩被继母饿了好几天 在翻垃圾吃',
    '隔壁伢子经常被他爸吊起来打',
    '小孩被关在狗笼子里 好可怜',
    '学校老师拿棍子打学生 打得屁股都肿了 天天这样',
    '那孩子的后爸动不动就踢他',
  ],
};

// Everyday words with 打, 药, 活着, 死, 欺负, 摸, 后妈 in them.
const DECOYS = [
  '地里的菜被人糟蹋了 谁干的',
  '一袋粮食被他糟蹋了一地',
  '我家娃被同学欺负了 抢他橡皮',
  '我闺女被同学欺负了 不敢跟老师说',
  '俺闺女被人骗了五千块钱 不敢跟人说',
  '今天晚上打游戏到两点',
  '三缺一 来打麻将',
  '我老公在外地打工 过年才回来',
  '俺男人今天去镇上打零工了',
  '去小卖部打酱油',
  '老公打电话说晚点回来',
  '老婆打了电话给我 叫我回去吃饭',
  '我男人天天打牌 家里也不管',
  '孩子他妈去打疫苗了',
  '我儿子打了人家孩子 要赔多少钱',
  '被蚊子咬了好几个包',
  '药店几点关门',
  '感冒药都买好了 不用去医院',
  '农药买好了 明天打药',
  '活着就好 别想那么多',
  '活着不就图个开心嘛',
  '笑死我了 这个视频',
  '这天热得想死',
  '想死你们了 过年回来聚聚',
  '这猪死了算了 反正也治不好',
  '我不想拖累孩子 想去养老院',
  '家里负担重 药费太贵 能申请低保吗',
  '这件事我想不开 凭什么他家多分',
  '野猪把我家玉米祸害了',
  '他占我便宜 多拿了一斤',
  '娃发烧了 摸他身子很烫',
  '孩子被开水烫了 天天哭 去哪看',
  '后妈对他挺好 天天给他做饭',
  '他后妈打麻将去了 孩子一个人在家',
  '老公说明天就动手修房子',
  '跳楼价甩卖 便宜了',
  '冬天屋里烧炭取暖要开窗',
  '那部电视剧里的后妈太坏了',
  '村里有没有反家暴宣传',
  '老人的后事怎么安排 村里有补助吗',
];

describe('sensitive matters', () => {
  for (const [kind, texts] of Object.entries(FOUND)) {
    it(`finds ${kind} however it is put`, () => {
      expect(texts.filter((t) => !kindsOf(t).includes(kind))).toEqual([]);
    });
  }

  it('leaves everyday words with 打, 药, 活着, 死, 欺负 alone', () => {
    expect(DECOYS.filter((t) => kindsOf(t).length > 0)).toEqual([]);
  });

  it('names every matter a message speaks of, self-harm first, with the help lines of each', () => {
    expect(sensitiveOf(normalize('俺家那口子喝了酒又动手打俺 脸都打肿了 俺真不想活了'))).toEqual({
      kinds: ['self_harm', 'domestic_violence'],
      hotlines: ['mental', 'women'],
    });
    expect(kindsOf('俺家小姑娘被她姨夫糟蹋了')).toEqual(['sexual_violence', 'child_abuse']);
  });

  it('reads a space as the end of a clause: 老公在外地打工 我… is not 打我', () => {
    expect(kindsOf('婆婆跟我吵架 老公在外地打工 我没地方去')).toEqual([]);
  });

  it('takes a joke or a film retold for what it is, but not "不是开玩笑"', () => {
    expect(kindsOf('这地方鸟不拉屎 活着真没劲 哈哈 开玩笑的')).toEqual([]);
    expect(kindsOf('这电视剧里有人跳楼 太吓人了')).toEqual([]);
    expect(kindsOf('我不想活了 不是开玩笑')).toEqual(['self_harm']);
  });
});
