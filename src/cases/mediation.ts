import { z } from 'zod';
import { UserFacingError } from '../config/errors.js';
import { dutyMember } from '../villages/load.js';
import type { Village } from '../villages/schema.js';
import { eventOf } from './lifecycle.js';
import { townshipContactFor, townshipOwner } from './notices.js';
import {
  type Case,
  MEDIATION_LEVELS,
  type MediationLevel,
  MediationLevelSchema,
  type MediationOutcome,
  MediationOutcomeSchema,
  type Owner,
} from './schema.js';

/** The rungs of 人民调解 as residents and staff name them. */
export const LEVEL_ZH: Record<MediationLevel, string> = {
  group: '村民小组调解',
  village: '村调委会调解',
  township: '镇司法所/人民调解委员会调解',
  court: '法院诉讼/仲裁',
};

/** 小事不出村: a dispute settled at these levels was resolved in the village. */
export const IN_VILLAGE: readonly MediationLevel[] = ['group', 'village'];

export class MediationError extends UserFacingError {
  override name = 'MediationError';
  constructor(message: string, chinese: string) {
    super(message, chinese, 409);
  }
}

/** What a mediator records: the level the dispute is mediated at now, and how it ended there (if it has). */
export interface MediationStep {
  level: MediationLevel;
  outcome?: MediationOutcome | undefined;
  note: string;
  /** Who mediates at this level (the people of the rung: 组长, 调委会主任, 司法所…). */
  people?: Owner | undefined;
}

/** What a mediation line of the timeline holds, so the ladder can be read back from it. */
const StepData = z.object({
  level: MediationLevelSchema,
  outcome: MediationOutcomeSchema.nullable(),
  /** Who mediated at the level after this step (absent on lines written before it was kept). */
  people: z.object({ name: z.string(), role: z.string() }).optional(),
  note: z.string().optional(),
});

/**
 * One step on the ladder: a dispute starts at any rung, moves only upwards, and a rung that failed (未成功) is
 * left for the next; 调解成功 and 撤回 end it. Written on the timeline with who recorded it.
 */
export function mediate(c: Case, step: MediationStep, actor: string, at: Date): Case {
  if (c.intent !== 'dispute_report') {
    throw new MediationError('only disputes are mediated', '只有矛盾纠纷类案件才走调解程序。');
  }
  const now = c.mediation;
  if (now?.outcome && now.outcome !== '未成功') {
    throw new MediationError('mediation already ended', `这起纠纷已经${now.outcome}，不能再记录调解。`);
  }
  if (now && MEDIATION_LEVELS.indexOf(step.level) < MEDIATION_LEVELS.indexOf(now.level)) {
    throw new MediationError('mediation goes up only', `调解只能往上一级走：现在已在“${LEVEL_ZH[now.level]}”。`);
  }
  if (now?.outcome === '未成功' && step.level === now.level) {
    throw new MediationError('failed level retried', `“${LEVEL_ZH[now.level]}”已未成功，请转到上一级。`);
  }
  const text = `${LEVEL_ZH[step.level]}${step.outcome ? `：${step.outcome}` : '：开始'}${step.note ? `。${step.note}` : ''}`;
  const owner = step.people ?? c.owner;
  const data: z.input<typeof StepData> = {
    level: step.level,
    outcome: step.outcome ?? null,
    ...(owner ? { people: { name: owner.name, role: owner.role } } : {}),
    note: step.note,
  };
  return {
    ...c,
    owner,
    mediation: { level: step.level, ...(step.outcome ? { outcome: step.outcome } : {}) },
    events: [...c.events, eventOf(at, actor, 'mediation', text, data)],
  };
}

/** A rung as the case has been through it: when it began there, who mediated, and when and how it ended. */
export interface Rung {
  level: MediationLevel;
  startedAt?: string;
  outcome?: MediationOutcome;
  endedAt?: string;
  people?: { name: string; role: string };
  /** What was noted at the rung's last step. */
  note?: string;
}

/** The four rungs, bottom first, each with what the timeline says happened there (nothing for rungs not reached). */
export function ladderOf(c: Pick<Case, 'events'>): Rung[] {
  const rungs = new Map<MediationLevel, Rung>();
  for (const e of c.events) {
    const step = e.type === 'mediation' ? StepData.safeParse(e.data) : undefined;
    if (!step?.success) continue;
    const { level, outcome, people, note } = step.data;
    const rung = rungs.get(level) ?? { level, startedAt: e.at };
    rungs.set(level, {
      ...rung,
      ...(outcome ? { outcome, endedAt: e.at } : {}),
      ...(people ? { people } : {}),
      ...(note ? { note } : {}),
    });
  }
  return MEDIATION_LEVELS.map((level) => rungs.get(level) ?? { level });
}

/** The rung above, where a dispute not settled at `level` goes next; none above the court. */
export const levelAbove = (level: MediationLevel): MediationLevel | undefined =>
  MEDIATION_LEVELS[MEDIATION_LEVELS.indexOf(level) + 1];

/**
 * Who mediates at a rung: the village mediation committee's member (治保调解主任) at 村调委会, the township contact
 * who takes disputes at 镇司法所; at 村民小组 and in court the case stays with whoever holds it.
 */
export function mediatorsAt(v: Village | undefined, c: Pick<Case, 'intent'>, level: MediationLevel): Owner | undefined {
  if (!v) return undefined;
  if (level === 'village') {
    const m = dutyMember(v, 'mediation');
    return { name: m.name, role: m.role, phone: m.phone, kind: 'committee' };
  }
  const t = level === 'township' ? townshipContactFor(v, c) : undefined;
  return t && townshipOwner(t);
}
