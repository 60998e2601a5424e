import { z } from 'zod';
import type { MockWorld } from '../../bot/mock.js';
import { villageActor } from '../../cases/access.js';
import type { Case } from '../../cases/schema.js';
import type { ManualClock } from '../../config/clock.js';
import { UserFacingError } from '../../config/errors.js';
import { tally } from '../../proposals/consultation.js';
import { STAGES, VotesSchema } from '../../proposals/process.js';
import type { LoadedVillage } from '../../villages/load.js';
import type { Spine } from '../spine.js';

/** `{"staff","bind","resident","group"?}`: bind the WeChat name `bind` to the roster entry `resident`. */
const BindLine = z.object({
  staff: z.string().min(1),
  bind: z.string().min(1),
  resident: z.string().min(1),
  group: z.string().min(1).optional(),
  household: z.string().min(1).optional(),
});
/** `{"staff","case","consult","hours"}`: open 意见征集 on a proposal case. */
const ConsultLine = z.object({
  staff: z.string().min(1),
  case: z.string().min(1),
  consult: z.string().min(1),
  hours: z.number().positive(),
});
/** `{"staff","case","stage","note","votes"?}`: the committee takes a 四议两公开 step. */
const StageLine = z.object({
  staff: z.string().min(1),
  case: z.string().min(1),
  stage: z.enum(STAGES),
  note: z.string().min(1),
  votes: VotesSchema.optional(),
});

export interface CivicContext {
  spine: Spine;
  world: MockWorld;
  villages: readonly LoadedVillage[];
  clock: ManualClock;
  /** Resolves "last" (or a number) to a case of this run; null when there is none. */
  caseOf(ref: string): Promise<Case | null>;
}

/**
 * Plays a bind, consult or stage line through the same services as the workbench; false when the line is
 * none of these. A refusal (a name that is not unique, a case that is no proposal) is thrown as the workbench's.
 */
export async function playCivicLine(value: unknown, ctx: CivicContext): Promise<boolean> {
  const actorOf = (name: string) =>
    villageActor(
      ctx.villages.map((v) => v.village),
      name,
    );
  const bind = BindLine.safeParse(value);
  if (bind.success) {
    const b = bind.data;
    const actor = actorOf(b.staff);
    const village =
      ctx.villages.find(
        (v) => actor.villages.includes(v.village.id) && v.residents?.some((r) => r.name === b.resident),
      ) ?? ctx.villages.find((v) => actor.villages.includes(v.village.id));
    if (!village) throw new UserFacingError(`${b.staff} belongs to no village`, `${b.staff}不属于任何村。`, 403);
    // The committee binds people the bot is friends with: on the mock, that friend now exists.
    ctx.world.contact(b.bind);
    await ctx.spine.bindings.bind(actor, village.village.id, b.bind, {
      name: b.resident,
      group: b.group,
      household: b.household,
    });
    return true;
  }
  const consult = ConsultLine.safeParse(value);
  const stage = StageLine.safeParse(value);
  if (consult.success || stage.success) {
    const ref = consult.success ? consult.data.case : stage.data!.case;
    const c = await ctx.caseOf(ref);
    if (!c) throw new UserFacingError(`no case "${ref}" to act on`, `没有案件「${ref}」。`, 404);
    if (consult.success) {
      const l = consult.data;
      await ctx.spine.consult.start(actorOf(l.staff), c.id, l.consult, l.hours);
    } else {
      const l = stage.data!;
      await ctx.spine.service.advanceProposal(actorOf(l.staff), c.id, { stage: l.stage, note: l.note, votes: l.votes });
    }
    return true;
  }
  return false;
}

/** The `{"proposals":[…]}` line: each proposal case of the run, its stage and its consultation's tally. */
export async function proposalsLine(spine: Spine, cases: readonly Case[]) {
  const proposals = cases.filter((c) => c.intent === 'proposal');
  const steps = await spine.service.proposals.getMany(proposals.map((c) => c.id));
  return {
    proposals: await Promise.all(
      proposals.map(async (c) => {
        const consultation = await spine.consult.get(c.id);
        const residents = spine.villages.find((v) => v.village.id === c.village)?.residents ?? [];
        const t = consultation && tally(consultation, residents);
        return {
          number: c.number,
          stage: steps.get(c.id)?.stage ?? null,
          consultation: t ? { support: t.support, oppose: t.oppose, abstain: t.abstain, voters: t.voters } : null,
        };
      }),
    ),
  };
}
