import { z } from 'zod';
import { MediationLevelSchema, MediationOutcomeSchema, OwnerSchema } from '../../cases/schema.js';
import { emptyAsUndefined, personPick } from './shared.js';

const kind = OwnerSchema.shape.kind;

export const MediationBody = z.object({
  /** group 村民小组, village 村调委会, township 镇司法所/人民调解委员会, court 法院/仲裁. */
  level: MediationLevelSchema,
  /** How it ended at this level; absent while mediation there goes on. */
  outcome: MediationOutcomeSchema.optional(),
  note: z.string().trim().max(2000).default(''),
  /** Who mediates at this level, one of the village's people; absent: the level's own (e.g. 治保调解主任). */
  mediator: z.object({ name: z.string().min(1).max(50), kind }).optional(),
});

/** The case page's mediation forms: the same step, an empty select meaning the level's own people. */
export const MediationForm = MediationBody.extend({
  outcome: z.preprocess(emptyAsUndefined, MediationOutcomeSchema.optional()),
  mediator: z.preprocess(emptyAsUndefined, personPick(kind).optional()),
});
