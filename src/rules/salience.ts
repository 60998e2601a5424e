import { idf } from '@node-rs/jieba/dict.js';
import { segment } from '../nlu/segment.js';
import { isStopword } from './terms.js';

// Which words of a question say what it is about: what a passage must have to answer it.

/**
 * Words of any service or rules question, whatever it is about: what is done (办, 交, 领, 申请), with what (证,
 * 材料, 手续), where and when (哪里, 啥时候), for whom (孩子, 老人, 家里). A passage sharing only these with the
 * question ("身份证丢了去哪补办" and an article on renting that asks for 身份证 has more to it) answers nothing.
 */
const GENERIC = new Set(
  (
    '办 办理 办个 去办 来办 证 证件 手续 材料 资料 申请 申报 补贴 补助 钱 费 费用 多少钱 价格 价钱 交 缴 缴纳 领 领取 ' +
    '哪 哪里 在哪 在哪里 去哪 去哪里 哪儿 找 找谁 谁 时候 什么时候 啥时候 多久 带 要带 需要 村里 镇上 镇里 县里 ' +
    '县城 乡里 孩子 娃 小孩 家里 我家 他家 老人 人 电话 问题 政策 标准 流程 条件 地方 东西 弄 搞 帮 帮忙 管 处理 解决 ' +
    '有用 要求 问问 咋样 怎么样 合适 有人 谁家 自家'
  ).split(' '),
);
const NUMERAL = /[0-9一二三四五六七八九十百千万两几]/;
/**
 * A word as common as 想, 打, 朋友 in general Chinese (jieba's IDF below this) says little of what a question is
 * about; above it, the rarer the word the more it does (驾照 10.6, 营业执照 9.5, 彩礼 10.2).
 */
const COMMON_IDF = 6;
/** jieba's IDF of a word its table lacks: its median, as jieba's keyword extraction does. */
const UNLISTED_IDF = 11.95;

let table: Map<string, number> | undefined;

function generalIdf(word: string): number {
  if (!table) {
    table = new Map();
    for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
      const [w, v] = line.split(' ');
      if (w && v) table.set(w, Number(v));
    }
  }
  return table.get(word) ?? UNLISTED_IDF;
}

/** A question word that names what it is about, with how much it does and where it stands in the question. */
export interface Salient {
  word: string;
  weight: number;
  start: number;
}

/** The question's words that name what it is about, each once, weighted by how rare they are in general Chinese. */
export function salientWords(question: string): Salient[] {
  const out: Salient[] = [];
  let at = 0;
  for (const word of segment(question)) {
    const start = question.indexOf(word, at);
    if (start >= 0) at = start + word.length;
    if (!/^[\u4e00-\u9fff]+$/.test(word) || NUMERAL.test(word) || isStopword(word) || GENERIC.has(word)) continue;
    const weight = generalIdf(word) - COMMON_IDF;
    if (weight > 0 && !out.some((s) => s.word === word)) out.push({ word, weight, start: Math.max(start, 0) });
  }
  return out;
}
