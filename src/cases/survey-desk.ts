import { jobIdFor } from '../queue/names.js';
import type { Outbox } from '../queue/outbound.js';
import type { TimerStore } from '../queue/timers.js';
import type { Village } from '../villages/schema.js';
import { toPerson, toResident, toResidentIn, wechatNameOfOwner } from './notices.js';
import type { Case, SurveyAnswer } from './schema.js';
import { dueAt, formatDue, slaSchedule } from './sla.js';
import type { CaseStore } from './store.js';
import { askSurvey, expireSurvey, recordSurvey, reopenForResident, SURVEY_MS } from './survey.js';
import type { Templates } from './templates.js';

export interface SurveyDeskDeps {
  store: CaseStore;
  outbox: Outbox;
  timers: TimerStore;
  templates: Templates;
  villages: readonly Village[];
}

/**
 * 回访 as it happens: the question on close, the resident's answer (不满意 reopens the case to its owner on a new
 * clock), and 未评价 after three days. The decisions are survey.ts's; this saves them and says what they say.
 */
export class SurveyDesk {
  private readonly byId: Map<string, Village>;

  constructor(private readonly deps: SurveyDeskDeps) {
    this.byId = new Map(deps.villages.map((v) => [v.id, v]));
  }

  /** Asks the resident of a just-closed case how it went, and sets the three-day timer. */
  async ask(closed: Case): Promise<Case> {
    const { store, outbox, timers, templates } = this.deps;
    const at = store.clock.now();
    const c = await store.update(closed.id, (x) => (x.status === 'closed' ? askSurvey(x, at) : null));
    if (!c.survey || c.survey.askedAt !== at.toISOString()) return c;
    await store.markSurveyPending(c);
    await outbox.send(
      toResident(c, templates.render('survey_ask', { number: c.number })),
      jobIdFor('survey', `${c.id}|${c.survey.askedAt}`),
    );
    await timers.set({ kind: 'survey', caseId: c.id, askedAt: c.survey.askedAt }, new Date(at.getTime() + SURVEY_MS));
    return c;
  }

  /**
   * The resident's words to the question: recorded, thanked; 不满意 reopens the case and tells its owner. The reply
   * goes back where the resident wrote (`room`, null for privately).
   */
  async answer(
    caseId: string,
    answer: SurveyAnswer,
    words: string,
    messageId: string,
    room: string | null,
  ): Promise<Case | null> {
    const { store, outbox, timers, templates } = this.deps;
    const at = store.clock.now();
    let recorded = false;
    let c = await store.update(caseId, (x) => {
      const next = recordSurvey(x, answer, words, at);
      recorded = next !== null;
      return next;
    });
    if (!recorded) return null;
    await store.clearSurveyPending(c);
    const reply = (x: Case, text: string) => toResidentIn(x, room, text);
    const v = this.byId.get(c.village);
    if (answer !== '不满意' || !v) {
      await outbox.send(
        reply(c, templates.render('survey_thanks', { number: c.number, answer })),
        jobIdFor('r', `survey|${messageId}`),
      );
      return c;
    }
    const due = dueAt(at, c.slaKind, v.sla);
    c = await store.update(caseId, (x) => (x.status === 'closed' ? reopenForResident(x, words, at, due) : null));
    const dueText = formatDue(due, store.clock.timeZone);
    const owner = c.owner ? `${c.owner.role}${c.owner.name}` : v.name;
    await outbox.send(
      reply(c, templates.render('survey_reopened', { number: c.number, owner, due: dueText })),
      jobIdFor('r', `survey|${messageId}`),
    );
    if (c.owner) {
      const text = templates.render('survey_reopened_owner', { number: c.number, words, due: dueText });
      await outbox.send(toPerson(c, wechatNameOfOwner(v, c.owner), text), jobIdFor('r', `survey-owner|${messageId}`));
    }
    const when = slaSchedule(at, due);
    await timers.set({ kind: 'sla', caseId: c.id, step: 'reminder', dueAt: c.dueAt }, when.reminder);
    return c;
  }

  /** The three days are over: 未评价 if the resident never answered. */
  async expire(caseId: string, askedAt: string): Promise<Case> {
    const { store } = this.deps;
    const c = await store.update(caseId, (x) => expireSurvey(x, askedAt, store.clock.now()));
    if (c.survey?.askedAt === askedAt) await store.clearSurveyPending(c);
    return c;
  }
}
