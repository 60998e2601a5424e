import { eventOf, moveTo } from './lifecycle.js';
import type { Case, SurveyAnswer } from './schema.js';

/** A resident has this long to answer the 回访 question; after it the case is 未评价. */
export const SURVEY_DAYS = 3;
export const SURVEY_MS = SURVEY_DAYS * 24 * 3_600_000;

/** Marks, emoji and the bot's @name around the answer. */
const NOISE = /@\S+|[\s\p{P}\p{S}]/gu;
/**
 * The answer words, the longest first where one holds another (不满意 > 基本满意 > 满意): the first that occurs
 * is the answer, and the rest of the message ("基本满意 就是来的有点晚") is the resident's comment on it.
 */
const ANSWER = /谈不上满意|(?:不|没)(?:太|大|怎么太?|咋|算|够|甚|很|是很|是太|那么)?满意|差评|基本满意|满意|好评/;
/** Softer words that answer only on their own ("还行吧", "一般般 谢谢"): in a sentence they are talk ("一般几点来"). */
const SOFT = /^(还行|还可以|还凑合|凑合|一般般?|马马虎虎)[吧啦了呢呀啊哈]*$/;
/** Thanks and apologies: "又麻烦你们了 不好意思" holds 又…不 but says nothing about the matter. */
const POLITE = /不好意思|麻烦(你们|您|大家)?了?|谢谢|感谢|多谢|辛苦(了|你们了|您了)?|不客气/g;
/** "还是没修好", "又漏了", "问题没解决": the matter is not done, whatever the status says. */
const NOT_DONE =
  /(还是|仍然|依然|又|根本|压根).{0,6}(没|不(?!错)|坏|漏|黑|停|断|堵)|没(有)?(修好|解决|办好|弄好|处理好|落实)/;

/**
 * What a resident's words say to the 回访 question: an answer, a complaint that it is not done, or nothing. Words
 * `overheard` in a group (not meant for the bot) answer only with an answer word: "今天又不下雨" is no complaint.
 */
export function readSurveyReply(text: string, overheard = false): { answer: SurveyAnswer; complaint: boolean } | null {
  const bare = text.replace(NOISE, '');
  const word = ANSWER.exec(bare)?.[0];
  if (word) {
    const answer: SurveyAnswer =
      word.includes('不') || word.startsWith('没') || word === '差评'
        ? '不满意'
        : word === '基本满意'
          ? '基本满意'
          : '满意';
    return { answer, complaint: answer === '不满意' };
  }
  const plain = bare.replace(POLITE, '');
  if (!overheard && NOT_DONE.test(plain)) return { answer: '不满意', complaint: true };
  return SOFT.test(plain) ? { answer: '基本满意', complaint: false } : null;
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
