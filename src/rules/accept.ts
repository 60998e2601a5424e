// Whether the best passage over the score bar really answers the question, or merely shares a word with it.

/** What the first passage over the score bar covers of the question (see PassageIndex.coverage). */
export interface Coverage {
  /** IDF-weighted share of the question's content words the passage has (as such, by synonym or by characters). */
  words: number;
  /** The same over the question's characters. */
  chars: number;
  /** Share of the question's concepts the passage shares; 0 when the question names none. */
  concepts: number;
  /** How many of the question's content words and concepts the passage has: one alone is often chance. */
  matched: number;
  /** How many content words the question has. */
  asked: number;
}

export interface Evidence extends Coverage {
  /** The first passage's score over the [] bar (≥ 1). */
  clarity: number;
  /** Its score over the next passage's. */
  lead: number;
  /** The intent model's P(other) for the question. */
  chat: number;
}

/**
 * A logistic regression over the evidence, fitted on the fixture villages' questions whose first passage clears the
 * bar (right answers in the top three against unanswerable questions: 10 villages and guides, 418 + 88 questions;
 * shaao left out so that it stays unseen). Leaving one village out at a time, rejecting below 0.1 keeps every
 * right top-3 but one and turns 23 of the 88 unanswerable ones into []. Coverage by characters and a clear score
 * say "answer"; a passage that shares one word or one concept with a long question says "chance".
 */
const WEIGHTS = {
  logClarity: 3.0592,
  words: -1.3108,
  chars: 4.3602,
  chat: -0.6918,
  concepts: -1.1883,
  hasConcept: 0.5506,
  logMatched: -0.2576,
  single: -0.9889,
  logAsked: 2.7265,
  logLead: -0.5279,
};
const BIAS = -6.7375;

/** The probability that the first passage answers the question, given that it clears the score bar. */
export function acceptance(e: Evidence): number {
  const z =
    BIAS +
    WEIGHTS.logClarity * Math.log(e.clarity) +
    WEIGHTS.words * e.words +
    WEIGHTS.chars * e.chars +
    WEIGHTS.chat * e.chat +
    WEIGHTS.concepts * e.concepts +
    WEIGHTS.hasConcept * (e.concepts > 0 ? 1 : 0) +
    WEIGHTS.logMatched * Math.log1p(e.matched) +
    WEIGHTS.single * (e.matched <= 1 ? 1 : 0) +
    WEIGHTS.logAsked * Math.log1p(e.asked) +
    WEIGHTS.logLead * Math.log(Math.max(e.lead, 1e-3));
  return 1 / (1 + Math.exp(-z));
}

/**
 * A village named in the question (金竹村, 东山屯) that the village's own text never names: the question is about
 * another village's matter ("东山村的宅基地今年批了几户"), which no passage of this one answers. The two characters
 * before 村 must not be function words (我们村, 到外村, 是全村), and 村规/村民/村里… are no names.
 */
const PLACE = /([\u4e00-\u9fff]{2})[村屯寨](?![规民委里头子口道级集部务组干医小长])/g;
const NOT_A_NAME = new Set([
  ...'是到往来回占咱我你他她们的了在全外邻隔壁附近旁周边别其另本各这那哪个一两几每问请说后去从进出给',
]);

export function namesAnotherVillage(question: string, own: string): boolean {
  for (const m of question.matchAll(PLACE)) {
    const [name, prefix] = m as unknown as [string, string];
    if ([...prefix].some((c) => NOT_A_NAME.has(c))) continue;
    if (!own.includes(name)) return true;
  }
  return false;
}
