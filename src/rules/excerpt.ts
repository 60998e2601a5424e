import type { RuleArticle, Rules } from './parse.js';
import { type IndexOptions, PassageIndex } from './rank.js';

/** A chapter title is shared by all its articles: a word in it counts this much of one in the article. */
const CHAPTER_WEIGHT = 0.4;

/** Finds the articles of one village's rules that answer a resident's question. */
export class ExcerptIndex {
  private readonly articles: RuleArticle[];
  private readonly index: PassageIndex;

  constructor(rules: Rules, options: Partial<IndexOptions> = {}) {
    this.articles = rules.articles;
    this.index = new PassageIndex(
      rules.articles.map((a) => ({ text: a.text, heading: a.chapter })),
      { headingWeight: CHAPTER_WEIGHT, ...options },
    );
  }

  /** Up to k articles that answer the question, best first; [] when nothing fits. */
  rank(question: string, k = 3): RuleArticle[] {
    return this.index.rank(question, k).map((hit) => this.articles[hit.doc]!);
  }
}

const indexes = new WeakMap<Rules, ExcerptIndex>();

/** The articles of a village's rules that best answer a resident's question, best first; [] when none fits. */
export function rankArticles(rules: Rules, question: string, k = 3): RuleArticle[] {
  let index = indexes.get(rules);
  if (!index) {
    index = new ExcerptIndex(rules);
    indexes.set(rules, index);
  }
  return index.rank(question, k);
}
