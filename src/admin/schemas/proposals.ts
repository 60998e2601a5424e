import { z } from 'zod';
import { StageSchema, VotesSchema } from '../../proposals/process.js';

export const AdvanceBody = z.object({
  stage: StageSchema,
  note: z.string().trim().min(1, 'write what was decided or discussed').max(2000),
  votes: VotesSchema.optional(),
  /** At 公开: also tell the group (the proposer is answered there). */
  announce: z.boolean().default(false),
});
export type AdvanceBody = z.infer<typeof AdvanceBody>;
const count = z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number().int().min(0).max(10_000));
export const AdvanceForm = z.object({
  stage: StageSchema,
  note: z.string().trim().min(1).max(2000),
  for: count,
  against: count,
  abstain: count,
  announce: z.string().optional(),
});
export const ProposalListQuery = z.object({ village: z.string().max(64).optional() });
