import { z } from 'zod';
import { ConflictError } from '../config/errors.js';
import type { Resident } from '../villages/residents.js';

export const CHOICES = ['support', 'oppose', 'abstain'] as const;
export const ChoiceSchema = z.enum(CHOICES);
export type Choice = z.infer<typeof ChoiceSchema>;
export const CHOICE_ZH: Record<Choice, string> = { support: '支持', oppose: '反对', abstain: '弃权' };

const VoiceSchema = z.object({ choice: ChoiceSchema, at: z.string(), via: z.string(), reason: z.string().optional() });
export type Voice = z.infer<typeof VoiceSchema>;

const CommentSchema = z.object({
  name: z.string(),
  resident: z.string().optional(),
  text: z.string(),
  at: z.string(),
  /** Counted in the tally (a bound villager's reason) or only kept (an unbound resident's answer). */
  counted: z.boolean(),
});

/** 意见征集 on one proposal case: 协商意见 from residents, never a 村民会议 decision. */
export const ConsultationSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  village: z.string(),
  text: z.string(),
  openedBy: z.string(),
  openedAt: z.string(),
  deadline: z.string(),
  closedAt: z.string().optional(),
  /** One voice per household (a village setting) instead of one per villager. */
  perHousehold: z.boolean(),
  /** Roster ids told privately (bound and 在外). */
  asked: z.array(z.string()),
  voices: z.record(z.string(), VoiceSchema),
  comments: z.array(CommentSchema),
});
export type Consultation = z.infer<typeof ConsultationSchema>;

export class ConsultationError extends ConflictError {
  override name = 'ConsultationError';
}

export const isOpen = (c: Consultation, now: Date) => !c.closedAt && now.getTime() < Date.parse(c.deadline);

export function openConsultation(input: {
  caseId: string;
  number: string;
  village: string;
  text: string;
  actor: string;
  hours: number;
  perHousehold: boolean;
  now: Date;
}): Consultation {
  if (!input.text.trim()) throw new ConsultationError('the consultation needs a text', '请写明征集意见的内容。');
  if (!(input.hours > 0 && input.hours <= 24 * 60)) {
    throw new ConsultationError('hours must be between 0 and 1440', '征集时间应在1小时到60天之间。');
  }
  return {
    caseId: input.caseId,
    number: input.number,
    village: input.village,
    text: input.text.trim(),
    openedBy: input.actor,
    openedAt: input.now.toISOString(),
    deadline: new Date(input.now.getTime() + input.hours * 3_600_000).toISOString(),
    perHousehold: input.perHousehold,
    asked: [],
    voices: {},
    comments: [],
  };
}

export type VoiceResult = 'new' | 'changed' | 'same';

/** A bound villager's voice: a later one replaces the earlier, the same one again changes nothing. */
export function recordVoice(
  c: Consultation,
  who: { resident: string; name: string },
  voice: { choice: Choice; reason?: string | undefined; via: string },
  now: Date,
): { consultation: Consultation; result: VoiceResult } {
  if (!isOpen(c, now)) throw new ConsultationError('the consultation is closed', '这次意见征集已经截止。');
  const before = c.voices[who.resident];
  const result: VoiceResult = !before ? 'new' : before.choice === voice.choice ? 'same' : 'changed';
  const at = now.toISOString();
  const comments = voice.reason
    ? [...c.comments, { name: who.name, resident: who.resident, text: voice.reason, at, counted: true }]
    : c.comments;
  if (result === 'same' && !voice.reason) return { consultation: c, result };
  return {
    consultation: {
      ...c,
      voices: {
        ...c.voices,
        [who.resident]: { choice: voice.choice, at, via: voice.via, ...(voice.reason ? { reason: voice.reason } : {}) },
      },
      comments,
    },
    result,
  };
}

/** An unbound resident's answer: kept for the meeting, not counted. */
export function recordComment(c: Consultation, name: string, text: string, now: Date): Consultation {
  return { ...c, comments: [...c.comments, { name, text, at: now.toISOString(), counted: false }] };
}

export interface Tally {
  support: number;
  oppose: number;
  abstain: number;
  voters: number;
  byGroup: Record<string, Record<Choice, number>>;
  byPlace: { 在外: Record<Choice, number>; 在村: Record<Choice, number> };
}

const zero = (): Record<Choice, number> => ({ support: 0, oppose: 0, abstain: 0 });

/**
 * The count against the roster. Per household, the household's latest voice stands for it. `voters` is how many
 * voices count (people, or households).
 */
export function tally(c: Consultation, roster: readonly Resident[]): Tally {
  const byId = new Map(roster.map((r) => [r.id, r]));
  let counted = Object.entries(c.voices).filter(([id]) => byId.has(id));
  if (c.perHousehold) {
    const latest = new Map<string, [string, Voice]>();
    for (const e of counted) {
      const h = byId.get(e[0])!.household;
      const prev = latest.get(h);
      if (!prev || prev[1].at <= e[1].at) latest.set(h, e);
    }
    counted = [...latest.values()];
  }
  const t: Tally = { ...zero(), voters: counted.length, byGroup: {}, byPlace: { 在外: zero(), 在村: zero() } };
  for (const [id, v] of counted) {
    const r = byId.get(id)!;
    t[v.choice] += 1;
    t.byGroup[r.group] ??= zero();
    t.byGroup[r.group]![v.choice] += 1;
    t.byPlace[r.away ? '在外' : '在村'][v.choice] += 1;
  }
  return t;
}

export const tallyText = (t: Pick<Tally, Choice | 'voters'>) =>
  `支持 ${t.support}，反对 ${t.oppose}，弃权 ${t.abstain}（共 ${t.voters} 人表达意见）`;
