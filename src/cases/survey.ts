import { eventOf, moveTo } from './lifecycle.js';
import type { Case, SurveyAnswer } from './schema.js';

/** A resident has this long to answer the 回访 question; after it the case is 未评价. */
export const SURVEY_DAYS = 3;
export const SURVEY_MS = SURVEY_DAYS * 24 * 3_600_000;

/** Marks, emoji and the bot's @name around a one-word answer. */
const NOISE = /@\S+|[\s\p{P}\p{S}]/gu;
const ANSWERS: ReadonlyArray<[RegExp, SurveyAnswer]> = [
  [/^(不满意|不太满意|很不满意|非常不满意|差评)$/, '不满意'],
  [/^(基本满意|还行|还可以|一般)$/, '基本满意'],
  [/^(满意|很满意|非常满意|好评|满意谢谢|谢谢满意)$/, '满意'],
];
/** "还是没修好", "又坏了", "问题没解决": the matter is not done, whatever the status says. */
const NOT_DONE = /(还是|仍然|依然|又|根本|压根).{0,6}(没|不|坏)|没(有)?(修好|解决|办好|弄好|处理好|落实)|不满意/;

/** What a resident's words say to the 回访 question: an answer, a complaint that it is not done, or nothing. */
export function readSurveyReply(text: string): { answer: SurveyAnswer; complaint: boolean } | null {
  const bare = text.replace(NOISE, '');
  const exact = ANSWERS.find(([re]) => re.test(bare));
  if (exact) return { answer: exact[1], complaint: exact[1] === '不满意' };
  if (NOT_DONE.test(bare)) return { answer: '不满意', complaint: true };
  return null;
}

/** The 回访 question asked on close, written on the timeline. */
export function askSurvey(c: Case, at: Date): Case {
  return {
    ...c,
    survey: { askedAt: at.toISOString() },
    events: [...c.events, eventOf(at, 'bot', 'survey', '回访：请居民评价 满意 / 基本满意 / 不满意')],
  };
}

/** The resident's answer, kept with their words; null when the question was not open any more. */
export function recordSurvey(c: Case, answer: SurveyAnswer, words: string, at: Date): Case | null {
  if (!c.survey || c.survey.answer || c.survey.expiredAt) return null;
  return {
    ...c,
    survey: { ...c.survey, answer, answeredAt: at.toISOString(), words },
    events: [...c.events, eventOf(at, `resident:${c.resident.name}`, 'survey', `回访评价：${answer}（${words}）`)],
  };
}

/** Not satisfied: the case goes back to its owner with the resident's words and a new deadline. */
export function reopenForResident(c: Case, words: string, at: Date, due: Date): Case {
  const reopened = moveTo(c, 'reopened', `resident:${c.resident.name}`, at, `居民回访不满意：${words}`);
  return { ...reopened, dueAt: due.toISOString() };
}

/** Three days without an answer: 未评价. Null when it was answered, or the timer is from an earlier close. */
export function expireSurvey(c: Case, askedAt: string, at: Date): Case | null {
  if (!c.survey || c.survey.askedAt !== askedAt || c.survey.answer || c.survey.expiredAt) return null;
  return {
    ...c,
    survey: { ...c.survey, expiredAt: at.toISOString() },
    events: [...c.events, eventOf(at, 'system', 'survey', `回访${SURVEY_DAYS}天未回复，记为未评价`)],
  };
}
