import { z } from 'zod';
import { IntentSchema } from '../nlu/types.js';
import { ChannelSchema, ContextSchema } from '../queue/intake.js';

export { type Channel, ChannelSchema } from '../queue/intake.js';

export const CASE_STATUSES = ['new', 'assigned', 'answered', 'closed', 'reopened', 'escalated'] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const SURVEY_ANSWERS = ['满意', '基本满意', '不满意'] as const;
export const SurveyAnswerSchema = z.enum(SURVEY_ANSWERS);
export type SurveyAnswer = z.infer<typeof SurveyAnswerSchema>;

/** 人民调解: 村民小组 → 村调委会 → 镇司法所/人民调解委员会 → 法院/仲裁. */
export const MEDIATION_LEVELS = ['group', 'village', 'township', 'court'] as const;
export const MediationLevelSchema = z.enum(MEDIATION_LEVELS);
export type MediationLevel = z.infer<typeof MediationLevelSchema>;
export const MEDIATION_OUTCOMES = ['调解成功', '未成功', '撤回'] as const;
export const MediationOutcomeSchema = z.enum(MEDIATION_OUTCOMES);
export type MediationOutcome = z.infer<typeof MediationOutcomeSchema>;

/** SLA kinds after the 12345 hotline standard; hours are configurable per village. */
export const SlaKindSchema = z.enum(['urgent', 'utility', 'general', 'complex']);
export type SlaKind = z.infer<typeof SlaKindSchema>;

/** Who a resident is: wechat4u ids change at every login, so the key is village + display name. */
export const ResidentSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Filled when an admin binds the WeChat name to a real person. */
  boundTo: z.string().optional(),
});
export type Resident = z.infer<typeof ResidentSchema>;

export const OwnerSchema = z.object({
  name: z.string(),
  role: z.string(),
  phone: z.string().optional(),
  /** advisor = legal advisor (法律顾问); committee = a member of the village committee; township = escalated. */
  kind: z.enum(['advisor', 'committee', 'township']),
});
export type Owner = z.infer<typeof OwnerSchema>;

export const CaseEventTypeSchema = z.enum([
  'created',
  'merged',
  'assigned',
  'reassigned',
  'reply',
  'note',
  'status',
  'intent_corrected',
  'escalated',
  'reminder',
  'overdue',
  'sent',
  'send_failed',
  'bot_reply',
  'survey',
  'mediation',
]);

/** One line of a case's timeline: who did what, when. */
export const CaseEventSchema = z.object({
  at: z.string(),
  /** "bot", "system", "resident:<name>" or "user:<username>". */
  actor: z.string(),
  type: CaseEventTypeSchema,
  text: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type CaseEvent = z.infer<typeof CaseEventSchema>;

/** A resident message that belongs to the case (the first one and private follow-ups). */
export const CaseMessageSchema = z.object({
  at: z.string(),
  text: z.string(),
  messageId: z.string(),
  channel: ChannelSchema,
});

export const CaseSchema = z.object({
  /** Stable internal id (used in URLs). */
  id: z.string(),
  /** Human number a resident can read and quote, e.g. XH-1121-007. */
  number: z.string(),
  village: z.string(),
  /** Room topic for group messages; null for a private chat. */
  room: z.string().nullable(),
  channel: ChannelSchema,
  resident: ResidentSchema,
  intent: IntentSchema,
  /** The classifier's original answer, kept when an agent corrects `intent`. */
  predictedIntent: IntentSchema,
  confidence: z.number(),
  topics: z.array(z.string()),
  urgent: z.boolean(),
  text: z.string(),
  messages: z.array(CaseMessageSchema),
  /** A few messages before it in the group, for the agent's context. */
  context: ContextSchema,
  status: CaseStatusSchema,
  owner: OwnerSchema.nullable(),
  slaKind: SlaKindSchema,
  receivedAt: z.string(),
  dueAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string(),
  events: z.array(CaseEventSchema),
  /** 回访: asked on close; no answer within three days is 未评价 (`expiredAt`), never counted as satisfied. */
  survey: z
    .object({
      askedAt: z.string(),
      answer: SurveyAnswerSchema.optional(),
      answeredAt: z.string().optional(),
      words: z.string().optional(),
      expiredAt: z.string().optional(),
    })
    .optional(),
  /** A dispute's place on the mediation ladder and, once settled there, how it ended. */
  mediation: z.object({ level: MediationLevelSchema, outcome: MediationOutcomeSchema.optional() }).optional(),
  /** Violence at home, self-harm, abuse: every word about it goes privately. */
  sensitive: z.boolean().optional(),
  /** On the 议事 agenda: the proposal's 四议两公开 steps set its pace, so the SLA clock stops. */
  deliberating: z.boolean().optional(),
});
export type Case = z.infer<typeof CaseSchema>;
