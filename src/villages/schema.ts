import { z } from 'zod';
import { IntentSchema } from '../nlu/types.js';

/** Messages read as "<path> is missing — add …", so a village clerk knows the fix without reading code. */
const text = (fix: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is missing — ${fix}` : `must be text — ${fix}`) })
    .trim()
    .min(1, `is empty — ${fix}`);
const list = <T extends z.ZodType>(item: T, fix: string) =>
  z.array(item, { error: (issue) => (issue.input === undefined ? `is missing — ${fix}` : `must be a list — ${fix}`) });

export const LegalAdvisorSchema = z.looseObject({
  name: text("add the advisor's name"),
  phone: text("add the advisor's phone number"),
  /** Free text such as "土地承包经营权流转"; mapped to topic concepts with `topicsOf`. */
  topics: list(z.string(), 'list the topics the advisor answers, e.g. ["土地", "婚姻家庭"]').min(
    1,
    'is empty — list at least one topic the advisor answers',
  ),
  office: z.string().optional(),
  hours: z.string().optional(),
  wechatName: z.string().trim().min(1).optional(),
});
export type LegalAdvisor = z.infer<typeof LegalAdvisorSchema>;

export const CommitteeMemberSchema = z.looseObject({
  name: text("add the member's name"),
  role: text('add the role, e.g. "治保调解主任"'),
  phone: text("add the member's phone number"),
  /** Free text duties (e.g. "道路水利"), read when routing. A village may write a list or one sentence. */
  duties: z.union([z.array(z.string()), z.string()]).optional(),
  /** The WeChat display name, where it differs from `name`: alerts and reminders reach the person by it. */
  wechatName: z.string().trim().min(1).optional(),
});
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

/** The kinds of matter a committee member is on duty for, read from roles and duties (see `dutyMember`). */
export const DUTY_KINDS = ['mediation', 'security', 'services', 'infrastructure', 'secretary'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Default SLA grades after the 12345 hotline standard: urgent 2 h, water/power/road 24 h, 7 days, 15 days. */
export const DEFAULT_SLA_HOURS = { urgent: 2, utility: 24, general: 168, complex: 360 } as const;

/** Hours to the first answer per SLA kind (the 12345 hotline's grades). */
export const SlaHoursSchema = z.object({
  urgent: z.number().positive().default(DEFAULT_SLA_HOURS.urgent),
  utility: z.number().positive().default(DEFAULT_SLA_HOURS.utility),
  general: z.number().positive().default(DEFAULT_SLA_HOURS.general),
  complex: z.number().positive().default(DEFAULT_SLA_HOURS.complex),
});
export type SlaHours = z.infer<typeof SlaHoursSchema>;

/** A township person a case is escalated to (镇司法所, 综治中心, 便民服务中心…). */
export const TownshipContactSchema = z.looseObject({
  name: text("add the contact's name"),
  role: text('add the role, e.g. "镇司法所"'),
  phone: text("add the contact's phone number"),
  wechatName: z.string().trim().min(1).optional(),
  /** The intents this contact takes; all when absent. */
  handles: z.array(IntentSchema).optional(),
});
export type TownshipContact = z.infer<typeof TownshipContactSchema>;

export const VillageSchema = z.looseObject({
  id: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is missing — add an id such as "xihe"' : 'must be text'),
    })
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a valid id — use lower-case letters, digits, "-" or "_"'),
  name: text('add the village name, e.g. "西河村"'),
  /** The township (乡镇) the village belongs to: township users see every village naming theirs. */
  township: z.string().trim().min(1).optional(),
  rooms: list(text('write the WeChat group topic'), 'list the WeChat group topics the bot serves').min(
    1,
    'is empty — list at least one WeChat group topic',
  ),
  legalAdvisors: list(LegalAdvisorSchema, 'list the legal advisors with name, phone and topics').min(
    1,
    'is empty — list at least one legal advisor',
  ),
  committee: z.looseObject(
    {
      members: list(CommitteeMemberSchema, 'list the committee members with name, role and phone').min(
        1,
        'is empty — list at least one committee member',
      ),
    },
    {
      error: (issue) =>
        issue.input === undefined ? 'is missing — add "committee": {"members": [...]}' : 'must be an object',
    },
  ),
  /** Prefix of human case numbers (XH-1121-007); defaults to the id's first letters in upper case. */
  casePrefix: z
    .string()
    .regex(/^[A-Z0-9]{1,6}$/, 'is not valid — use 1–6 upper-case letters or digits, e.g. "XH"')
    .optional(),
  sla: SlaHoursSchema.prefault({}),
  /** 意见征集: `perHousehold` counts one voice per 户 (the latest of the household) instead of one per villager. */
  consultation: z.object({ perHousehold: z.boolean().default(false) }).prefault({}),
  townshipContacts: list(TownshipContactSchema, 'list the township contacts with name, role and phone').optional(),
  /** The bot's name in this village's groups, when it differs from BOT_NAME. */
  botName: z.string().min(1).optional(),
});
export type Village = z.infer<typeof VillageSchema>;

/** The case number prefix: the configured one, or the id's first two letters. */
export function casePrefixOf(village: Village): string {
  return (
    village.casePrefix ??
    village.id
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 2)
      .toUpperCase()
  );
}

/** The name the bot finds a person by in WeChat: `wechatName` when it differs from the real name, else the name. */
export const wechatNameOf = (person: { name: string; wechatName?: string | undefined }): string =>
  person.wechatName ?? person.name;
