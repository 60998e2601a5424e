import { understand } from '../nlu/index.js';
import { normalize } from '../nlu/normalize.js';
import { matcherOf, type PhraseMatcher, readLexicon } from '../nlu/topics.js';
import {
  type AcceptanceModel,
  acceptance,
  type Coverage,
  type Evidence,
  EXCERPT_MODEL,
  namesAnotherVillage,
} from './accept.js';
import { salientWords } from './salience.js';
import { CHANNEL_NAMES, type Channel, type Features, featuresOf, synonymMembers } from './terms.js';

const K1 = 1.2;
const B = 0.75;
/**
 * Feature kinds and how much a match of each counts. Concepts (intents/concepts.json) bridge the residents' words
 * and the rules' topic by topic; synonyms (intents/synonyms.json) are plain Chinese equivalences with no topic in
 * mind (房子 → 房屋, 娃 → 子女); characters are the fallback for words neither list has (闸门 in a question,
 * 防潮闸 in the rules). Measured on villages not tuned on (shaao, dongshan dev) with the concept lexicon whole,
 * with 40% of its phrases held out (three draws) and with none of it, top-1/top-3: synonyms 0.82/0.90 → 0.86/0.92
 * held out, 0.69/0.74 → 0.76/0.78 without concepts; characters at 0.8 for unknown words (0.32 for known ones)
 * instead of 0.3 for all 0.77/0.86 → 0.86/0.92 held out and 0.60/0.65 → 0.76/0.78 without concepts, at the cost
 * of unanswerable → [] 0.90 → 0.84.
 */
const CHANNELS: Record<Channel, number> = { concept: 2.2, word: 1, bigram: 0.5, char: 0.8 };
/**
 * A word of the rules that is a synonym of a question word ("房屋" for "房子") counts this much of the word itself.
 * Synonyms widen the question only: a word the question already has is not counted again through its group.
 */
const SYNONYM = 0.8;
/** The characters of a question word the passages also have count this much of a fallback character. */
const KNOWN_CHAR = 0.4;

/**
 * Below this score no passage fits the question, and the answer is []. Scores grow with the number of passages (a
 * rare word is rarer among 70 articles than among 15), so the bar is a multiple of the largest IDF of the index.
 * On the fixture villages the weakest right answer sits near 1.4 of it; chit-chat that shares a concept by chance
 * ("明天几点开会") mostly below 1.3.
 */
export const MIN_SCORE = 1.2;
/** A match on words alone ("电话", "手机") is often chance: it needs a higher score than one sharing a concept. */
export const MIN_SCORE_WORDS_ONLY = 1.8;
/**
 * A match is clear, worth quoting unasked, when it clears the bar twice over and leads the next passage by a fifth.
 * On the seven fixture villages (with the whole lexicon, and with 40% of it held out) 0.95–0.96 of the clear first
 * answers are right, they are 0.72–0.79 of all questions, and 3–8% of unanswerable questions get one.
 */
export const CLEAR_CLARITY = 2;
/**
 * The first passage does not answer a question when it has less than this share of what the question is about
 * (keyCoverage)… On the fixture villages and the calibration set (test/fixtures/calibration), unanswerable → []
 * 0.53 → 0.63 for excerpts, for 2 of 415 right answers (at 0.2: 0.66 for 5, among them shaao's and qingxi's).
 */
export const MIN_KEYS = 0.15;
/** …and the village's text lacks at least this share of it anywhere ("驾照", "转学" where no passage has them). */
export const MIN_STRANGE = 0.3;
/** A question word whose characters the passage has, but not the word: this share of a word the passage has. */
const PARTIAL = 0.5;
export const CLEAR_LEAD = 1.2;

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

export interface Match extends Hit {
  /** Score over the [] bar for this question: ≥ 1 for every passage `rank` returns. */
  clarity: number;
  /** The first passage only: it clears the bar well and leads the next one, so quoting it unasked is safe. */
  clear: boolean;
}

export interface IndexOptions {
  /**
   * A word in the heading counts this much of one in the text. A chapter title is shared by many articles and
   * says little about each (0.4); a guide item's heading names the item itself.
   */
  headingWeight: number;
  /**
   * Weight of a second score over the headings alone (their own IDF, no length penalty from the text): a guide
   * item's heading is what a resident asks for (低保申请), and in a long item it drowns. 0: off.
   */
  headingField?: number;
  /**
   * How much higher the bar is for a question the intent model reads as chat (its P(other), from 0 to 1, scales
   * the step): "猪肉现在多少钱一斤" names 猪 like an article on livestock does, but asks nothing the rules answer.
   */
  chatPenalty: number;
  /**
   * The least acceptance (accept.ts) for an answer: below it the first passage shares words with the question by
   * chance, and the answer is [].
   */
  minAcceptance: number;
  /** The acceptance model's weights (accept.ts): the excerpt finder's unless given. */
  model?: AcceptanceModel;
  /** The village's own text around the passages (title, preamble, closing): the places it names are its own. */
  context?: string;
  /** Concept phrases to match (default: intents/concepts.json); experiments pass a part of it. */
  concepts?: PhraseMatcher;
}

let lexicon: PhraseMatcher | undefined;

function defaultConcepts(): PhraseMatcher {
  lexicon ??= matcherOf(readLexicon('concepts.json'));
  return lexicon;
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
  /** The headings alone, ranked as passages of their own, when they name what the passage is about. */
  private readonly headings?: PassageIndex;
  private readonly headingField: number;
  private readonly chatPenalty: number;
  private readonly minAcceptance: number;
  private readonly model: AcceptanceModel;
  /** Every word of the village's text, for the places it names. */
  private readonly own: string;
  /** Each passage's heading and text, normalised, for the words of a question it has as written. */
  private readonly texts: string[];
  private readonly size: number;

  constructor(
    passages: readonly Passage[],
    {
      headingWeight,
      headingField = 0,
      chatPenalty,
      minAcceptance,
      model = EXCERPT_MODEL,
      context = '',
      concepts = defaultConcepts(),
    }: IndexOptions,
  ) {
    this.chatPenalty = chatPenalty;
    this.minAcceptance = minAcceptance;
    this.model = model;
    this.own = normalize([context, ...passages.flatMap((p) => [p.heading, p.text])].join('\n'));
    this.size = passages.length;
    this.texts = passages.map((p) => normalize(`${p.heading}\n${p.text}`));
    this.concepts = concepts;
    this.headingField = headingField;
    if (headingField > 0) {
      this.headings = new PassageIndex(
        passages.map((p) => ({ text: p.heading, heading: '' })),
        { headingWeight: 0, chatPenalty, minAcceptance, concepts },
      );
    }
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
    return this.scoreFeatures(featuresOf(normalize(question), true, this.concepts));
  }

  private idf(ch: Channel, term: string): number {
    const df = this.postings[ch].get(term)?.length ?? 0;
    return df === 0 ? this.maxIdf : Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  private holds(ch: Channel, term: string, doc: number): boolean {
    return this.postings[ch].get(term)?.some((p) => p.doc === doc) ?? false;
  }

  /**
   * How much of what the question asks the passage says: the IDF-weighted share of the question's characters it
   * has, and how many of the question's words (as such or through a synonym) and concepts. A passage that scores on
   * 低保 alone does not answer "听说老王吃低保还买了新车".
   */
  coverage(question: string, q: Features, doc: number): Coverage {
    const viaSynonym = new Set<string>();
    for (const group of new Set(q.synonym)) {
      const members = synonymMembers(group);
      if (members.some((m) => this.holds('word', m, doc))) for (const m of members) viaSynonym.add(m);
    }
    let matched = 0;
    for (const w of new Set(q.word)) if (viaSynonym.has(w) || this.holds('word', w, doc)) matched++;
    for (const c of new Set(q.concept)) if (this.holds('concept', c, doc)) matched++;
    let asked = 0;
    let found = 0;
    for (const c of new Set(q.char)) {
      const weight = this.idf('char', c);
      asked += weight;
      if (this.holds('char', c, doc)) found += weight;
    }
    return { chars: asked > 0 ? found / asked : 0, matched, ...this.keyCoverage(question, doc) };
  }

  /** The passages that have a word: as written, through a synonym, or through a concept the word names. */
  private holders(word: string): Set<number> {
    const f = featuresOf(word, true, this.concepts);
    const variants = [word, ...f.synonym.flatMap(synonymMembers)];
    const docs = new Set<number>();
    this.texts.forEach((t, doc) => {
      if (variants.some((v) => t.includes(v))) docs.add(doc);
    });
    for (const c of f.concept) for (const p of this.postings.concept.get(c) ?? []) docs.add(p.doc);
    return docs;
  }

  /**
   * How much of what the question is about (its salient words, salience.ts) the passage has, each word weighted by
   * its IDF among the passages, and how much of it the village's text has nowhere: a word no passage has weighs as
   * much as the rarest one. "驾照快到期了" shares 期 with an article on leases and nothing it is about.
   */
  private keyCoverage(question: string, doc: number): { keys: number; strange: number } {
    const words = salientWords(question);
    if (words.length === 0) return { keys: 1, strange: 0 };
    // A phrase of a concept the passage has ("喝…打" of 家庭暴力) covers the words it spans.
    const spans = this.concepts.spans(question).filter((s) => this.holds('concept', s.value, doc));
    let asked = 0;
    let found = 0;
    let absent = 0;
    for (const { word, weight, start } of words) {
      const docs = this.holders(word);
      const end = start + word.length;
      asked += weight;
      if (docs.has(doc) || spans.some((s) => s.start < end && s.end > start)) {
        found += weight;
        continue;
      }
      // A word the passage has only some characters of (沟里 for 河沟, 种地 for 种植) is half a match at most.
      const chars = [...word].filter((c) => this.texts[doc]!.includes(c)).length;
      found += PARTIAL * weight * (chars / word.length);
      if (docs.size === 0) absent += weight;
    }
    return { keys: found / asked, strange: absent / asked };
  }

  private scoreFeatures(q: Features): Hit[] {
    // Dense arrays over the passages: a question touches most of them through its characters.
    const score = new Float64Array(this.size);
    const shared = new Uint16Array(this.size);
    // Characters are the fallback for question words the passages lack (闸门 → 防潮闸); the characters of a word
    // they have count less, or one shared word (孩子) would count three times over.
    const fallback = new Set(q.word.filter((w) => !this.postings.word.has(w)).flatMap((w) => [...w]));
    for (const ch of CHANNEL_NAMES) {
      for (const term of new Set(q[ch])) {
        const scale = ch === 'char' && !fallback.has(term) ? KNOWN_CHAR : 1;
        for (const { doc, weight } of this.postings[ch].get(term) ?? []) {
          score[doc]! += scale * weight;
          if (ch === 'concept') shared[doc]!++;
        }
      }
    }
    const own = new Set(q.word);
    for (const group of new Set(q.synonym)) {
      // The best-weighted member per passage: a passage naming 房屋 and 住房 is one synonym match, not two.
      const best = new Map<number, number>();
      for (const member of synonymMembers(group)) {
        if (own.has(member)) continue;
        for (const { doc, weight } of this.postings.word.get(member) ?? []) {
          best.set(doc, Math.max(best.get(doc) ?? 0, weight));
        }
      }
      for (const [doc, weight] of best) score[doc]! += SYNONYM * weight;
    }
    for (const h of this.headings?.scoreFeatures(q) ?? []) {
      score[h.doc]! += h.score * this.headingField;
      shared[h.doc]! += h.concepts;
    }
    const hits: Hit[] = [];
    for (let doc = 0; doc < this.size; doc++) {
      if (score[doc]! > 0) hits.push({ doc, score: score[doc]!, concepts: shared[doc]! });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * The passages over the score bar for the question, best first, and what the acceptance model reads of the first
   * (see accept.ts); the bar alone lets through questions that merely share a rare word with a passage.
   */
  judge(question: string, k: number, chat: number): { matches: Match[]; evidence?: Evidence } {
    const bar = this.maxIdf * (1 + (this.chatPenalty - 1) * chat);
    const q = featuresOf(normalize(question), true, this.concepts);
    const hits = this.scoreFeatures(q);
    const matches: Match[] = [];
    for (const h of hits) {
      const clarity = h.score / (bar * (h.concepts > 0 ? MIN_SCORE : MIN_SCORE_WORDS_ONLY));
      if (clarity >= 1) matches.push({ ...h, clarity, clear: false });
      if (matches.length === k) break;
    }
    const [first] = matches;
    if (!first) return { matches };
    const next = hits.find((h) => h.doc !== first.doc)?.score ?? 0;
    first.clear = first.clarity >= CLEAR_CLARITY && first.score >= CLEAR_LEAD * next;
    return { matches, evidence: { clarity: first.clarity, chat, ...this.coverage(normalize(question), q, first.doc) } };
  }

  /**
   * Up to k passages that answer the question, best first, each with its clarity; [] when nothing fits. `chat` is
   * the intent model's P(other) for the question: the bot has it already, others leave it to be computed here.
   */
  rank(question: string, k = 3, chat = understand(question).scores.other): Match[] {
    const { matches, evidence } = this.judge(question, k, chat);
    if (!evidence || acceptance(evidence, this.model) < this.minAcceptance) return [];
    if (evidence.keys < MIN_KEYS && evidence.strange >= MIN_STRANGE) return [];
    return namesAnotherVillage(normalize(question), this.own) ? [] : matches;
  }
}
