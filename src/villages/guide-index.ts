import { GUIDE_MODEL } from '../rules/accept.js';
import { type IndexOptions, PassageIndex } from '../rules/rank.js';
import type { Guide, GuideItem } from './guide.js';

/** An item's heading names the item itself ("低保申请"): in the text field a word in it counts as one in the text… */
const HEADING_WEIGHT = 1;
/**
 * …and the headings are scored again on their own, since in a long item they drown: "养老金怎么领" belongs to
 * 城乡居民养老保险 more than to the funeral item that mentions a pension twice (guide fixtures top-1 0.85 → 0.94).
 */
const HEADING_FIELD = 0.6;
/** Service questions are seldom read as chat, small talk often is: a bar doubled for a sure "other". */
const CHAT_PENALTY = 2;
/**
 * Below this acceptance (GUIDE_MODEL in accept.ts) the first item is chance. Leaving one fixture guide out at a time,
 * 0.2 → 0.3 → 0.4: unanswerable → [] 0.80 → 0.84 → 0.86, top-1 0.945 → 0.945 → 0.930.
 */
const MIN_ACCEPTANCE = 0.3;

/** Finds the items of a village's service guide that answer a resident's question, with the excerpt finder's ranking. */
export class GuideIndex {
  private readonly items: GuideItem[];
  private readonly index: PassageIndex;

  constructor(guide: Guide, options: Partial<IndexOptions> = {}) {
    this.items = guide.items;
    this.index = new PassageIndex(
      guide.items.map((item) => ({ text: item.text, heading: item.heading })),
      {
        headingWeight: HEADING_WEIGHT,
        headingField: HEADING_FIELD,
        chatPenalty: CHAT_PENALTY,
        minAcceptance: MIN_ACCEPTANCE,
        model: GUIDE_MODEL,
        context: [guide.title, guide.preamble].join('\n'),
        ...options,
      },
    );
  }

  /** Up to k items that answer the question, best first; [] when none fits. `chat`: see PassageIndex.rank. */
  rank(question: string, k = 3, chat?: number): GuideItem[] {
    return this.index.rank(question, k, chat).map((m) => this.items[m.doc]!);
  }
}
