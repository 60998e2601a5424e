import { z } from 'zod';
import { CaseStatusSchema } from '../../cases/schema.js';
import { IntentSchema } from '../../nlu/types.js';
import { InboxRowSchema } from '../case-view.js';
import { checkbox, emptyAsUndefined, flag, personPick } from './shared.js';

export const CaseListQuery = z.object({
  village: z.string().max(64).optional(),
  status: CaseStatusSchema.optional(),
  intent: IntentSchema.optional(),
  urgent: flag.optional(),
  overdue: flag.optional(),
  /** Words, a resident's name or a case number. */
  q: z.string().trim().max(100).optional(),
  /** Only the cases I own. */
  mine: flag.optional(),
  /** Only the cases still waiting for the village (not answered, not closed). */
  open: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseListResponse = z.object({
  cases: z.array(InboxRowSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type CaseList = z.infer<typeof CaseListResponse>;

export const CsvQuery = CaseListQuery.pick({ village: true, status: true, intent: true, q: true, mine: true });

export const ReplyBody = z.object({
  text: z.string().trim().min(1, 'write the reply').max(2000),
  internal: z.boolean().default(false),
});
export const StatusBody = z.object({ status: CaseStatusSchema, note: z.string().max(2000).optional() });
export const IntentBody = z.object({ intent: IntentSchema });
export const AssignBody = z.object({
  name: z.string().min(1).max(50),
  kind: z.enum(['advisor', 'committee']),
});
export const EscalateBody = z.object({ note: z.string().trim().min(1, 'write a referral note').max(2000) });
export const ArticleParams = z.object({ id: z.string().max(64), article: z.string().max(20) });

// The pages' forms: the same actions as the JSON API, as a browser posts them.
export const InboxQuery = z.object({
  village: z.preprocess(emptyAsUndefined, z.string().max(64).optional()),
  /** Empty: the open cases (the default view); `all`: every status. */
  status: z.preprocess(emptyAsUndefined, z.union([CaseStatusSchema, z.literal('all')]).optional()),
  q: z.preprocess(emptyAsUndefined, z.string().trim().max(100).optional()),
  mine: checkbox,
  intent: z.preprocess(emptyAsUndefined, IntentSchema.optional()),
  urgent: checkbox,
  overdue: checkbox,
  offset: z.coerce.number().int().min(0).default(0),
});
export const CasePageQuery = z.object({ done: z.string().max(20).optional() });
export const ReplyForm = z.object({
  text: z.string().trim().min(1).max(2000),
  internal: z.enum(['true', 'false']).default('false'),
});
export const StatusForm = StatusBody;
export const IntentForm = IntentBody;
export const AssignForm = z.object({ owner: personPick(AssignBody.shape.kind) });
export const EscalateForm = z.object({ note: z.string().trim().min(1).max(2000) });
