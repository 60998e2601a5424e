import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every sentence the bot says, by kind, with the placeholders each may use. The bot and the case actions (an
 * advisor's answer going back to a resident) both speak, so the table lives below both of them.
 */
export const TEMPLATE_KINDS = {
  /** Group: a service request or proposal taken in. */
  accepted: ['number', 'owner', 'due'],
  /** Group: neutral acknowledgement of a legal question; the details go privately. */
  legal_group: ['number'],
  /** Private: the legal advisor for the topic, and a matching article when there is one. */
  legal_private: ['number', 'advisor', 'phone', 'hours', 'office', 'due', 'excerpt'],
  /** Group: neutral acknowledgement of a dispute. */
  dispute_group: ['number'],
  /** Private: the mediator, and the legal advisor for the topic. */
  dispute_private: ['number', 'mediator', 'mediatorRole', 'mediatorPhone', 'advisor', 'phone', 'hours', 'due'],
  /** Group: a question about the village rules, answered with the article quoted and cited (then `accepted`). */
  rules_answer: ['rulesTitle', 'article', 'articleText'],
  /** The same quotation inside a private answer ({excerpt} of legal_private). */
  rules_excerpt: ['rulesTitle', 'article', 'articleText'],
  /** To the resident at once: the numbers to call; who was alerted follows once the alert went (`urgent_notified`). */
  urgent_first: ['numbers', 'number'],
  /** To the resident, said only after the alert was handed to WeChat. */
  urgent_notified: ['duty', 'dutyRole', 'dutyPhone', 'number'],
  /** To the resident when no member on duty could be reached: the committee's duty phone. */
  urgent_unreached: ['phone', 'number'],
  /** Private to the committee member on duty. */
  urgent_alert: ['village', 'place', 'name', 'text', 'number', 'numbers'],
  /** A voice message, picture, file, red packet or link when the bot is mentioned. */
  nontext_hint: [],
  /** Mentioned with nothing actionable (greeting, emoji only). */
  help: ['bot', 'village'],
  /** Private: a follow-up joined the resident's open case. */
  followup_joined: ['number', 'owner'],
  /** Private: a resident the bot cannot place in a village. */
  unknown_village: ['bot'],
  /** Private: the display name speaks in several villages' groups; which one is the message about. */
  village_ask: ['list'],
  /** The same question for an urgent message with no village in sight: the emergency numbers first. */
  village_ask_urgent: ['list'],
  /** An advisor's answer sent privately. */
  answer_private: ['number', 'text', 'owner', 'village'],
  /** An advisor's answer in the group, after @name. */
  answer_group: ['number', 'text', 'owner'],
  /** Every room: a consultation is open. */
  consult_open_room: ['village', 'number', 'text', 'deadline', 'bot', 'unit'],
  /** Private, to a bound resident marked 在外. */
  consult_open_private: ['name', 'village', 'number', 'text', 'deadline'],
  /** Private: a voice counted. */
  vote_recorded: ['choice', 'number', 'deadline', 'extra'],
  /** Private: an unbound resident's answer, kept as a comment. */
  vote_unbound: [],
  /** Several consultations open and the answer names none. */
  vote_which: ['list', 'example'],
  /** An answer after the deadline. */
  vote_closed: ['number', 'deadline'],
  /** Every room at the deadline. */
  consult_result: ['number', 'text', 'tally', 'groups', 'away', 'home'],
  /** Rooms, the proposer and every voter: a 四议两公开 step taken. */
  stage_announce: ['stage', 'number', 'summary', 'note', 'votes', 'next'],
  /** "修路那个事到哪一步了". */
  proposal_status: ['number', 'summary', 'stage', 'next', 'tally'],
  /** Private: a resident asks to be bound. */
  bind_requested: ['group', 'name'],
  /** Private: the request names no single roster entry. */
  bind_unclear: ['problem'],
  /** Private: the committee bound the resident. */
  bind_confirmed: ['group', 'name'],
  /** Private: no more private consultation notices. */
  quiet_on: [],
  quiet_off: [],
  /** Private to the owner: a quarter of the SLA window is left. */
  sla_reminder: ['number', 'resident', 'text', 'due'],
  /** Private to the owner: the deadline has passed. */
  sla_overdue: ['number', 'resident', 'text', 'due'],
  /** Private to the owner: the deadline has passed, in a village with no township contact for the matter. */
  sla_overdue_village: ['number', 'resident', 'text', 'due'],
  /** Private to the township contact holding an escalated case: overdue again, with nobody above to warn of. */
  sla_overdue_escalated: ['number', 'resident', 'text', 'due'],
  /** Private to the township contact a case is escalated to. */
  escalation_referral: ['number', 'village', 'resident', 'text', 'from'],
  /** To the resident: their case went up to the township. */
  escalated_resident: ['number', 'contact'],
  /** Private to the committee's head (书记/主任): an overdue case with no township contact, to 督办. */
  escalation_head: ['number', 'village', 'resident', 'text', 'owner', 'due'],
  /** To the resident: their overdue case, with no township contact for it, went to the committee's head. */
  escalated_village: ['number', 'head'],
  /** To the resident on close: the 回访 question. */
  survey_ask: ['number'],
  /** To the resident: their 回访 answer was recorded. */
  survey_thanks: ['number', 'answer'],
  /** To the resident: not satisfied, so the case is open again. */
  survey_reopened: ['number', 'owner', 'due'],
  /** Private to the owner: the resident was not satisfied and the case is theirs again. */
  survey_reopened_owner: ['number', 'words', 'due'],
  /** To the group when quiet hours end: what it did not hear at night. */
  morning_ack: ['text'],
  /** Private (or @name for a group matter): where a case stands. */
  case_status: ['number', 'gist', 'status', 'owner', 'due'],
  /** The resident asked about a case the bot cannot find among theirs. */
  case_status_none: [],
  /** Private: a follow-up that fits two cases, asked about in one line. */
  followup_ask: ['number', 'gist'],
  /** Group: the neutral line when everything else goes privately. */
  private_notice: [],
  /** Private: a sensitive matter (violence at home, self-harm…): safety first, help lines, who will call. */
  sensitive_private: ['number', 'hotlines', 'phone'],
  /** A service question answered from the village's 办事指南.md (then `accepted`). */
  guide_answer: ['item', 'text'],
  /** Private: a follow-up reopened an answered or closed case to its owner. */
  reopened: ['number', 'owner', 'due'],
  /** Once an hour at most: a resident opened more new cases than the limit (the bot then says nothing more). */
  case_limit: ['limit'],
} as const;

export type TemplateKind = keyof typeof TEMPLATE_KINDS;
export type TemplateVars<K extends TemplateKind> = Record<(typeof TEMPLATE_KINDS)[K][number], string>;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** The templates folder, loaded and checked once at start: a missing file or a misspelt placeholder stops start-up. */
export class Templates {
  private constructor(private readonly texts: Record<TemplateKind, string>) {}

  static load(dir: string): Templates {
    const texts = {} as Record<TemplateKind, string>;
    const problems: string[] = [];
    for (const [kind, allowed] of Object.entries(TEMPLATE_KINDS) as Array<[TemplateKind, readonly string[]]>) {
      const file = join(dir, `${kind}.txt`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trim();
      } catch {
        problems.push(`${file} is missing — every message kind needs its template file`);
        continue;
      }
      if (!text) problems.push(`${file} is empty — write what the bot should say`);
      for (const [, name] of text.matchAll(PLACEHOLDER)) {
        if (!allowed.includes(name ?? '')) {
          const known = allowed.length ? allowed.map((a) => `{${a}}`).join(' ') : 'none';
          problems.push(`${file}: unknown placeholder {${name}} — this message knows ${known}`);
        }
      }
      texts[kind] = text;
    }
    if (problems.length > 0) throw new TemplateError(problems.join('\n'));
    return new Templates(texts);
  }

  render<K extends TemplateKind>(kind: K, vars: TemplateVars<K>): string {
    const values = vars as Record<string, string>;
    return this.texts[kind]
      .replace(PLACEHOLDER, (_, name: string) => values[name] ?? '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** The templates shipped with cunbot, beside src/. */
export const DEFAULT_TEMPLATES_DIR = new URL('../../templates/', import.meta.url).pathname;
