import { segment } from '../nlu/segment.js';
import { matcherOf, type PhraseMatcher, readLexicon } from '../nlu/topics.js';

// How a question or a passage is read for ranking: its terms in each channel, stopwords and synonyms.

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

/** A filler or boilerplate word (see STOPWORDS). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const CJK_RUN = /[\u4e00-\u9fff]+/g;

interface Synonyms {
  /** Phrases of two characters or more, found anywhere in the question. */
  matcher: PhraseMatcher;
  /** One-character members (扔, 娃), taken only where the segmenter leaves the character as a word of its own: the 烧 of 发烧 is no 焚烧. */
  single: Map<string, string>;
  groups: Map<string, string[]>;
}
let synonyms: Synonyms | undefined;

function synonymGroups(): Synonyms {
  if (!synonyms) {
    const groups = readLexicon('synonyms.json');
    const long = new Map<string, string[]>();
    const single = new Map<string, string>();
    for (const [group, members] of groups) {
      long.set(
        group,
        members.filter((m) => [...m].length > 1),
      );
      for (const m of members) if ([...m].length === 1) single.set(m, group);
    }
    synonyms = { matcher: matcherOf(long), single, groups };
  }
  return synonyms;
}

/** Every word of a synonym group, its name included. */
export function synonymMembers(group: string): string[] {
  return synonymGroups().groups.get(group) ?? [];
}

function synonymsOf(text: string, words: string[]): string[] {
  const { matcher, single } = synonymGroups();
  const found = matcher.match(text, { gaps: false });
  for (const w of words) {
    const group = single.get(w);
    if (group && !found.includes(group)) found.push(group);
  }
  return found;
}

/** What the index counts: concepts, words, character bigrams and characters (the synonym groups of a question). */
export const CHANNEL_NAMES = ['concept', 'word', 'bigram', 'char'] as const;
export type Channel = (typeof CHANNEL_NAMES)[number];
export type Features = Record<Channel | 'synonym', string[]>;

/** `question`: the resident's words, where phrases split by filler ("死…猪") count too; the rules are formal. */
export function featuresOf(text: string, question: boolean, concepts: PhraseMatcher): Features {
  const all = segment(text);
  const words = all.filter((w) => !STOPWORDS.has(w) && /[\u4e00-\u9fffA-Za-z0-9]/.test(w));
  const bigram: string[] = [];
  const char: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) {
      if (!STOPWORDS.has(run[i]!)) char.push(run[i]!);
      if (i + 1 < run.length) bigram.push(run.slice(i, i + 2));
    }
  }
  return {
    concept: concepts.match(text, { gaps: question, repeats: !question }),
    synonym: question ? synonymsOf(text, all) : [],
    word: words,
    bigram,
    char,
  };
}
