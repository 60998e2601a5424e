import { z } from 'zod';

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
});
export type LegalAdvisor = z.infer<typeof LegalAdvisorSchema>;

export const CommitteeMemberSchema = z.looseObject({
  name: text("add the member's name"),
  role: text('add the role, e.g. "治保调解主任"'),
  phone: text("add the member's phone number"),
  /** Free text duties (e.g. "道路水利"), read when routing. A village may write a list or one sentence. */
  duties: z.union([z.array(z.string()), z.string()]).optional(),
});
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

/** Hours to the first answer per SLA kind (the 12345 hotline's grades). */
export const SlaHoursSchema = z.object({
  urgent: z.number().positive().default(2),
  utility: z.number().positive().default(24),
  general: z.number().positive().default(168),
  complex: z.number().positive().default(360),
});
export type SlaHours = z.infer<typeof SlaHoursSchema>;

export const VillageSchema = z.looseObject({
  id: z
    .string({
      error: (issue) => (issue.input === undefined ? 'is missing — add an id such as "xihe"' : 'must be text'),
    })
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'is not a valid id — use lower-case letters, digits, "-" or "_"'),
  name: text('add the village name, e.g. "西河村"'),
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
