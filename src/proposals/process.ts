import { z } from 'zod';
import { ConflictError } from '../config/errors.js';

/**
 * 四议两公开: how a village decides a proposal. The party branch proposes (提议), the two committees discuss (商议),
 * the party members review (审议), the villagers' representatives resolve by vote (决议), the resolution is made public
 * (决议公开) and later the results of carrying it out (实施结果公开). Stages go one at a time, in this order.
 */
export const STAGES = ['proposed', 'discussed', 'reviewed', 'resolved', 'published', 'implemented'] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const STAGE_ZH: Record<Stage, string> = {
  proposed: '提议（村党组织会议）',
  discussed: '商议（村两委会议）',
  reviewed: '审议（党员大会）',
  resolved: '决议（村民代表会议表决）',
  published: '决议公开',
  implemented: '实施结果公开',
};

export const VotesSchema = z.object({
  for: z.number().int().min(0).max(10_000),
  against: z.number().int().min(0).max(10_000),
  abstain: z.number().int().min(0).max(10_000),
});
export type Votes = z.infer<typeof VotesSchema>;

export const StepSchema = z.object({
  stage: StageSchema,
  at: z.string(),
  actor: z.string(),
  note: z.string(),
  votes: VotesSchema.optional(),
});

export const ProposalSchema = z.object({
  caseId: z.string(),
  village: z.string(),
  stage: StageSchema,
  steps: z.array(StepSchema),
  /** Set at the vote: adopted when more than half of the votes cast are for it. */
  adopted: z.boolean().optional(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** A step the order of 四议两公开 does not allow: the English reason for logs, the Chinese one for the page. */
export class ProposalError extends ConflictError {
  override name = 'ProposalError';
}

/** The stage after `stage`, or undefined at the end. */
export function nextStage(stage: Stage | undefined): Stage | undefined {
  return stage === undefined ? STAGES[0] : STAGES[STAGES.indexOf(stage) + 1];
}

export const isAdopted = (v: Votes) => v.for * 2 > v.for + v.against + v.abstain;

/** Moves a proposal (or a case not yet on the agenda) one stage on; the vote needs counts, other stages a note. */
export function advance(
  current: Proposal | undefined,
  input: { caseId: string; village: string; stage: Stage; note: string; actor: string; votes?: Votes | undefined },
  at: Date,
): Proposal {
  const expected = nextStage(current?.stage);
  if (input.stage !== expected) {
    throw expected
      ? new ProposalError(
          `the next stage is ${expected} (${STAGE_ZH[expected]}), not ${input.stage}`,
          `下一步应是${STAGE_ZH[expected]}，不能跳到${STAGE_ZH[input.stage]}。`,
        )
      : new ProposalError('the proposal has gone through every stage', '这项议事已经走完全部步骤。');
  }
  if (input.stage === 'resolved' && !input.votes) {
    throw new ProposalError('the vote (决议) needs the counts', '决议需要填写赞成、反对、弃权的票数。');
  }
  if (input.stage === 'resolved' && input.votes && input.votes.for + input.votes.against + input.votes.abstain === 0) {
    throw new ProposalError('the vote (决议) needs at least one vote', '决议至少要有一票。');
  }
  const step = {
    stage: input.stage,
    at: at.toISOString(),
    actor: input.actor,
    note: input.note,
    ...(input.stage === 'resolved' && input.votes ? { votes: input.votes } : {}),
  };
  return {
    caseId: input.caseId,
    village: input.village,
    stage: input.stage,
    steps: [...(current?.steps ?? []), step],
    ...(current?.adopted === undefined ? {} : { adopted: current.adopted }),
    ...(step.votes ? { adopted: isAdopted(step.votes) } : {}),
  };
}
