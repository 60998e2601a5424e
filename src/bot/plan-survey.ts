import type { Case, SurveyAnswer } from '../cases/schema.js';
import { readSurveyReply } from '../cases/survey.js';

/** A resident answering the 回访 question of their closed case (or saying it is still not done). */
export interface SurveyPlan {
  action: 'survey';
  case: Pick<Case, 'id' | 'number'>;
  answer: SurveyAnswer;
  /** The resident's own words, kept on the case (and given to its owner when it reopens). */
  words: string;
}

/** Whether a message could answer a 回访 question: only then is the resident's pending one looked up. */
export const mayAnswerSurvey = (text: string): boolean => readSurveyReply(text) !== null;

/**
 * The answer a message gives to the resident's pending 回访 question, or null when it gives none; `overheard`: said
 * in a group without calling the bot.
 */
export function planSurvey(
  text: string,
  pending: Pick<Case, 'id' | 'number'> | null | undefined,
  overheard: boolean,
): SurveyPlan | null {
  if (!pending) return null;
  const reply = readSurveyReply(text, overheard);
  return reply ? { action: 'survey', case: pending, answer: reply.answer, words: text.trim() } : null;
}
