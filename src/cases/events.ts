import { z } from 'zod';
import type { Case } from './schema.js';
import { CaseStatusSchema } from './schema.js';

/** What happened to a case, as the workbench's live pages need it (Contract 3, GET /api/events). */
export const CaseChangeSchema = z.object({
  id: z.string(),
  number: z.string(),
  village: z.string(),
  kind: z.enum(['created', 'followup', 'reply', 'status', 'changed']),
  urgent: z.boolean(),
  status: CaseStatusSchema,
  at: z.string(),
});
export type CaseChange = z.infer<typeof CaseChangeSchema>;

const count = (c: Case, type: string) => c.events.filter((e) => e.type === type).length;

/** The change from `before` (null for a new case) to `after`, named by what a person would notice first. */
export function changeOf(before: Case | null, after: Case): CaseChange {
  let kind: CaseChange['kind'] = 'changed';
  if (!before) kind = 'created';
  else if (after.messages.length > before.messages.length) kind = 'followup';
  else if (count(after, 'reply') > count(before, 'reply')) kind = 'reply';
  else if (after.status !== before.status) kind = 'status';
  return {
    id: after.id,
    number: after.number,
    village: after.village,
    kind,
    urgent: after.urgent,
    status: after.status,
    at: after.updatedAt,
  };
}
