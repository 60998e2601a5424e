import { normalize } from '../nlu/normalize.js';
import { segment } from '../nlu/segment.js';
import { matcherOf, type PhraseMatcher, readLexicon } from '../nlu/topics.js';

/**
 * Words that say nothing about which passage fits: question fillers residents type (咋, 能不能, 村里有说法没) and the
 * boilerplate every article repeats (应当, 不得, 本村). Both would otherwise match arbitrary passages.
 */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 啊 呀 吧 嘛 哦 哈 么 着 过 和 与 及 或 或者 以及 等 是 在 有 没 没有 不 也 都 就 还 又 再 很 太 要 会 能 让 ' +
    '把 被 给 跟 向 对 从 到 为 以 于 由 之 其 这 那 这个 那个 这些 那些 这样 那样 一个 一下 一些 些 个 点 儿 ' +
    '我 你 他 她 它 我们 你们 他们 咱 咱们 俺 俺们 自己 人家 大家 谁 啥 什么 咋 咋办 怎么 怎么办 怎样 如何 为啥 为什么 ' +
    '哪 哪里 哪儿 多 多少 几 吗 能不能 可不可以 可以 行不行 行 不行 是不是 有没有 要不要 管不管 让不让 算不算 ' +
    '村 村里 咱村 本村 村民 村委会 应当 应该 不得 必须 规定 说法 违反 村规里 村规民约里 请问 问下 问一下 想问 知道 ' +
    '屋头 村头 要得不 咋个 啥子 哪个 好多 一般 现在 今年 去年 已经 然后 但是 因为 所以 如果 还是 而且 可能 好像 听说 觉得 感觉 就是 还有 这事 事 情况 ' +
    '不要 要不 能否 可否 是否 中不中 成不成 犯不犯 得不得 咋弄 咋整 咋搞 怎么弄 怎么搞 有事 没事 行不 伐 噻 嘞 咧 啦 凭啥 凭什么 哪些 ' +
    '收到 好 好的 你好 大家好 早上好 晚上好 谢谢 感谢 辛苦 哈哈 哈哈哈 嗯 嗯嗯 对 是的 吃 吃了没 今天 明天 昨天 早上 晚上 上午 下午 @ 村小助'
  ).split(' '),
);

const CJK_RUN = /[\u4e00-\u9fff]+/g;
const K1 = 1.2;
const B = 0.75;
/**
 * Feature kinds and how much a match of each counts; concepts bridge the residents' words and the rules'. Single
 * characters are the fallback for words the lexicon lacks (杉木 in a question, 林木 in the rules): with concepts
 * switched off they lift top-3 on the fixture villages from 0.43–0.60 to 0.60–0.78; with 40% of the lexicon's
 * phrases dropped (a village whose residents say what the lexicon never heard) by up to 0.07; with it whole they
 * cost nothing.
 */
const CHANNELS = { concept: 2.2, word: 1, bigram: 0.5, char: 0.3 } as const;
type Channel = keyof typeof CHANNELS;
const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];
/**
 * Below this score no passage fits the question, and the answer is []. Scores grow with the number of passages (a
 * rare word is rarer among 70 articles than among 15), so the bar is a multiple of the largest IDF of the index.
 * On the fixture villages the weakest right answer sits near 1.4 of it; chit-chat that shares a concept by chance
 * ("明天几点开会") mostly below 1.3.
 */
export const MIN_SCORE = 1.2;
/** A match on words alone ("电话", "手机") is often chance: it needs a higher score than one sharing a concept. */
export const MIN_SCORE_WORDS_ONLY = 1.8;

/** What the index ranks: an article and its chapter title, or a guide item and its heading. */
export interface Passage {
  text: string;
  heading: string;
}

export interface Hit {
  /** Index of the passage in the list the index was built from. */
  doc: number;
  score: number;
  /** How many concepts the passage shares with the question. */
  concepts: number;
}

export interface IndexOptions {
  /**
   * A word in the heading counts this much of one in the text. A chapter title is shared by many articles and
   * says little about each (0.4); a guide item's heading names the item itself.
   */
  headingWeight: number;
  /** Concept phrases to match (default: intents/concepts.json); experiments pass a part of it. */
  concepts?: PhraseMatcher;
}

let lexicon: PhraseMatcher | undefined;

function defaultConcepts(): PhraseMatcher {
  lexicon ??= matcherOf(readLexicon('concepts.json'));
  return lexicon;
}

type Features = Record<Channel, string[]>;

/** `question`: the resident's words, where phrases split by filler ("死…猪") count too; the rules are formal. */
function featuresOf(text: string, question: boolean, concepts: PhraseMatcher): Features {
  const words = segment(text).filter((w) => !STOPWORDS.has(w) && /[\u4e00-\u9fffA-Za-z0-9]/.test(w));
  const bigram: string[] = [];
  const char: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) {
      if (!STOPWORDS.has(run[i]!)) char.push(run[i]!);
      if (i + 1 < run.length) bigram.push(run.slice(i, i + 2));
    }
  }
  return { concept: concepts.match(text, { gaps: question, repeats: !question }), word: words, bigram, char };
}

function counts(terms: string[], into: Map<string, number> = new Map(), weight = 1): Map<string, number> {
  for (const t of terms) into.set(t, (into.get(t) ?? 0) + weight);
  return into;
}

/** A term's BM25F weight in each passage that holds it: the whole score of a question is a sum of these. */
type Postings = Map<string, Array<{ doc: number; weight: number }>>;

/**
 * A BM25F index over passages: text and heading as fields, four feature channels. Term weights are computed once
 * here, so a question costs its own analysis plus one lookup per term. The excerpt finder and the service guide
 * both rank with it.
 */
export class PassageIndex {
  private readonly postings = {} as Record<Channel, Postings>;
  /** The IDF of a term found in one passage only: the unit of the [] thresholds. */
  private readonly maxIdf: number;
  private readonly concepts: PhraseMatcher;

  constructor(passages: readonly Passage[], { headingWeight, concepts = defaultConcepts() }: IndexOptions) {
    this.concepts = concepts;
    const headingFeatures = new Map<string, Features>();
    const docs = passages.map((passage) => {
      const text = featuresOf(normalize(passage.text), false, concepts);
      let heading = headingFeatures.get(passage.heading);
      if (!heading) {
        heading = featuresOf(normalize(passage.heading), false, concepts);
        headingFeatures.set(passage.heading, heading);
      }
      const tf = {} as Record<Channel, Map<string, number>>;
      const len = {} as Record<Channel, number>;
      for (const ch of CHANNEL_NAMES) {
        tf[ch] = counts(heading[ch], counts(text[ch]), headingWeight);
        len[ch] = text[ch].length + headingWeight * heading[ch].length;
      }
      return { tf, len };
    });
    const n = docs.length;
    this.maxIdf = Math.log(1 + (n - 0.5) / 1.5);
    for (const ch of CHANNEL_NAMES) {
      const df = new Map<string, number>();
      for (const d of docs) for (const t of d.tf[ch].keys()) df.set(t, (df.get(t) ?? 0) + 1);
      const avgLen = docs.reduce((sum, d) => sum + d.len[ch], 0) / Math.max(n, 1) || 1;
      const postings: Postings = new Map();
      docs.forEach((d, doc) => {
        const norm = K1 * (1 - B + (B * d.len[ch]) / avgLen);
        for (const [term, f] of d.tf[ch]) {
          const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
          let list = postings.get(term);
          if (!list) {
            list = [];
            postings.set(term, list);
          }
          list.push({ doc, weight: CHANNELS[ch] * idf * ((f * (K1 + 1)) / (f + norm)) });
        }
      });
      this.postings[ch] = postings;
    }
  }

  /** Every passage with its score for the question, best first; passages that share nothing are left out. */
  score(question: string): Hit[] {
    const q = featuresOf(normalize(question), true, this.concepts);
    const scores = new Map<number, Hit>();
    for (const ch of CHANNEL_NAMES) {
      for (const term of new Set(q[ch])) {
        for (const { doc, weight } of this.postings[ch].get(term) ?? []) {
          let s = scores.get(doc);
          if (!s) {
            s = { doc, score: 0, concepts: 0 };
            scores.set(doc, s);
          }
          s.score += weight;
          if (ch === 'concept') s.concepts++;
        }
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score);
  }

  /** Up to k passages that answer the question, best first; [] when nothing fits. */
  rank(question: string, k = 3): Hit[] {
    return this.score(question)
      .filter((r) => r.score >= this.maxIdf * (r.concepts > 0 ? MIN_SCORE : MIN_SCORE_WORDS_ONLY))
      .slice(0, k);
  }
}
