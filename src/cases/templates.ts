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
  /** Group: emergency numbers at once and who was alerted. */
  urgent_group: ['numbers', 'duty', 'dutyRole', 'dutyPhone', 'number'],
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
  /** An advisor's answer sent privately. */
  answer_private: ['number', 'text', 'owner', 'village'],
  /** An advisor's answer in the group, after @name. */
  answer_group: ['number', 'text', 'owner'],
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
