import { describe, expect, it } from 'vitest';
import { understand } from '../../src/nlu/index.js';
import { MASKS, maskEntities } from '../../src/nlu/mask.js';
import { normalize } from '../../src/nlu/normalize.js';

const masked = (text: string) => maskEntities(normalize(text));

describe('maskEntities', () => {
  it('replaces phone numbers in every way residents type them', () => {
    for (const phone of [
      '13812345678',
      '+86 138 1234 5678',
      '138-1234-5678',
      '１３８１２３４５６７８',
      '0731-84561234',
    ])
      expect(masked(`有事打我电话${phone}`), phone).toBe(`有事打我电话${MASKS.phone}`);
  });

  it('replaces 18- and 15-digit ID numbers, amounts, dates and times', () => {
    expect(masked('身份证号43010219900101123X')).toBe(`身份证号${MASKS.id}`);
    expect(masked('老身份证430102900101123')).toBe(`老身份证${MASKS.id}`);
    expect(masked('借了5000元 又借了2万块 彩礼八万八')).toBe(
      `借了${MASKS.amount} 又借了${MASKS.amount} 彩礼${MASKS.amount}`,
    );
    expect(masked('2023年3月5日下午三点')).toBe(`${MASKS.date}下午${MASKS.time}`);
  });

  it('keeps emergency numbers and the words that only look like numbers', () => {
    expect(masked('快打120 万一着火了 千万别进去 快一点')).toBe('快打120 万一着火了 千万别进去 快一点');
  });
});

describe('a number in a message', () => {
  const messages = [
    '打借条法律有效期几年',
    '在工地上摔伤了 老板不给报 没签合同算工伤吗',
    '隔壁家的羊天天跑到我地里 麦苗啃了一大片 说了也不管',
    '村口的路灯坏了半个月了 麻烦派人修一下',
    '建议村里的账目每个季度公示一次',
    '今天太阳好 晒被子了',
    '快来人 河边有人掉下去了',
  ];
  const numbers = ['13907314562', '0731-84561234', '43010219900101123X', '5000元', '八万八', '2023年3月5日', '下午3点'];

  it('never changes its intent, urgency or whether the bot speaks', () => {
    for (const text of messages) {
      const plain = understand(text);
      for (const n of numbers) {
        for (const withNumber of [`${text} ${n}`, `${n} ${text}`]) {
          const u = understand(withNumber);
          expect([u.intent, u.urgent, u.wouldReply], withNumber).toEqual([
            plain.intent,
            plain.urgent,
            plain.wouldReply,
          ]);
        }
      }
    }
  });
});
