import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/nlu/classifier.js';
import { dataHash, loadExamples } from '../../src/nlu/data.js';
import { featuresOf } from '../../src/nlu/features.js';
import { understand } from '../../src/nlu/index.js';
import { normalize } from '../../src/nlu/normalize.js';
import { fitTemperature, INTENT_TRAIN, probabilitiesOf, trainLinear } from '../../src/nlu/softmax.js';
import { refit } from '../../src/nlu/train.js';
import { INTENTS } from '../../src/nlu/types.js';

const FIXTURE: Array<[string, number]> = [
  ['路灯坏了 请派人修一下', 0],
  ['自来水管裂了 找谁来修', 0],
  ['村口的路坏了 能不能修一下', 0],
  ['水管漏水好几天了 请村里修修', 0],
  ['哈哈 今天天气真好', 1],
  ['收到 谢谢大家', 1],
  ['早上好 吃了吗', 1],
  ['哈哈哈 笑死了', 1],
];

describe('softmax regression', () => {
  it('learns a small fixture and predicts unseen phrasings with probabilities in [0, 1]', () => {
    const x = FIXTURE.map(([t]) => featuresOf(normalize(t)));
    const model = trainLinear(
      x,
      FIXTURE.map(([, y]) => y),
      ['repair', 'chat'],
      { ...INTENT_TRAIN, minCount: 1 },
    );
    const repair = probabilitiesOf(model, featuresOf(normalize('桥坏了 请派人修')));
    const chat = probabilitiesOf(model, featuresOf(normalize('哈哈 谢谢 天气真好')));
    expect(repair[0]).toBeGreaterThan(0.5);
    expect(chat[1]).toBeGreaterThan(0.5);
    for (const p of [...repair, ...chat]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(repair[0]! + repair[1]!).toBeCloseTo(1, 9);
  });

  it('cools overconfident scores so confidence matches accuracy', () => {
    // Logits that say 95 % but are right 70 % of the time.
    const held = Array.from({ length: 100 }, (_, i) => ({
      logits: Float64Array.from([Math.log(19), 0]),
      label: i < 70 ? 0 : 1,
    }));
    const t = fitTemperature(held);
    expect(t).toBeGreaterThan(1);
    expect(1 / (1 + Math.exp(-Math.log(19) / t))).toBeCloseTo(0.7, 1);
  });
});

describe('the committed model', () => {
  it('was trained on the current intents/ data (run npm run train after editing it)', () => {
    expect(loadModel().hash).toBe(dataHash());
  });

  it('is refitted on changed data with its calibration kept, when someone forgot to retrain', () => {
    const previous = loadModel();
    const fewer = loadExamples().filter((_, i) => i % 3 === 0);
    const model = refit(previous, fewer, 'changed');
    expect(model.hash).toBe('changed');
    expect(model.intent.temperature).toBe(previous.intent.temperature);
    expect(model.urgent.ruleThreshold).toBe(previous.urgent.ruleThreshold);
    const x = featuresOf(normalize('村口路灯坏了好几天了 麻烦派人修一下'));
    const p = probabilitiesOf(model.intent, x);
    expect(INTENTS[p.indexOf(Math.max(...p))]).toBe('service_request');
  });

  it('tells the five intents apart', () => {
    const cases: Array<[string, (typeof INTENTS)[number]]> = [
      ['俺爹走了 老宅基地兄弟几个咋分 出嫁的闺女有份没', 'legal_question'],
      ['邻居家盖房把墙砌到俺家地里了 说了不听 请村里来人量一量', 'dispute_report'],
      ['想开个收入证明 孩子助学贷款用 找谁盖章', 'service_request'],
      ['建议咱村在村口装几个监控 大家看行不行', 'proposal'],
      ['哈哈 今晚广场跳舞 姐妹们都来', 'other'],
    ];
    for (const [text, intent] of cases) expect(understand(text).intent, text).toBe(intent);
  });

  it('is sure of clear messages and less sure of ambiguous ones', () => {
    const clear = understand('村口路灯坏了好几天了 麻烦派人修一下');
    const vague = understand('那个事咋样了');
    expect(clear.confidence).toBeGreaterThan(0.8);
    expect(vague.confidence).toBeLessThan(clear.confidence);
    const total = Object.values(clear.scores).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 6);
  });
});
