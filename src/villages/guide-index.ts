import { type IndexOptions, PassageIndex } from '../rules/rank.js';
import type { Guide, GuideItem } from './guide.js';

/** An item's heading names the item itself ("低保申请"), so a word in it counts this much of one in its text. */
const HEADING_WEIGHT = 1;

/** Finds the items of a village's service guide that answer a resident's question, with the excerpt finder's ranking. */
export class GuideIndex {
  private readonly items: GuideItem[];
  private readonly index: PassageIndex;

  constructor(guide: Guide, options: Partial<IndexOptions> = {}) {
    this.items = guide.items;
    this.index = new PassageIndex(
      guide.items.map((item) => ({ text: item.text, heading: item.heading })),
      { headingWeight: HEADING_WEIGHT, ...options },
    );
  }

  /** Up to k items that answer the question, best first; [] when none fits. */
  rank(question: string, k = 3): GuideItem[] {
    return this.index.rank(question, k).map((hit) => this.items[hit.doc]!);
  }
}
