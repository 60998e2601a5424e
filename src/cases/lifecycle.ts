import { ConflictError } from '../config/errors.js';
import type { Case, CaseEvent, CaseStatus } from './schema.js';

/** Chinese names of the statuses, as the pages, exports and refusals show them. */
export const STATUS_ZH: Record<CaseStatus, string> = {
  new: '新建',
  assigned: '已派单',
  answered: '已答复',
  closed: '已办结',
  reopened: '重新打开',
  escalated: '已上报乡镇',
};

/** Statuses in which a case still waits for the village: the SLA clock runs and private follow-ups join it. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'assigned', 'reopened', 'escalated'];

export const isOpen = (c: Pick<Case, 'status'>): boolean => OPEN_STATUSES.includes(c.status);

/** Whether the case's SLA clock runs: open, and not on the 议事 agenda (a proposal follows its own steps). */
export const slaRuns = (c: Pick<Case, 'status' | 'deliberating'>): boolean => isOpen(c) && !c.deliberating;

/**
 * The changes a case may go through. Nothing goes back to `new` (it means "nobody has looked yet"); a closed case
 * is reopened before anything else happens to it; answering again keeps a case answered.
 */
const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['assigned', 'answered', 'escalated', 'closed'],
  assigned: ['answered', 'escalated', 'closed'],
  reopened: ['assigned', 'answered', 'escalated', 'closed'],
  answered: ['answered', 'escalated', 'closed'],
  escalated: ['answered', 'closed'],
  closed: ['reopened'],
};

/** A change of status the lifecycle does not allow; `chinese` says why, for the person who asked. */
export class TransitionError extends ConflictError {
  override name = 'TransitionError';

  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
    chinese: string,
  ) {
    super(`a case cannot go from ${from} to ${to}`, chinese);
  }
}

/** The statuses a case in `from` may be moved to (what a status menu should offer). */
export const nextStatuses = (from: CaseStatus): readonly CaseStatus[] => ALLOWED[from].filter((to) => to !== from);

/** Why `from → to` is refused, in Chinese, or null when it is allowed. */
export function refusal(from: CaseStatus, to: CaseStatus): string | null {
  if (ALLOWED[from].includes(to)) return null;
  if (to === 'new') return '案件不能改回“新建”：它已经有人处理过了。';
  if (from === 'closed') return '这个案件已办结，请先重新打开，再做其他操作。';
  if (to === 'reopened') return '只有已办结的案件才能重新打开。';
  if (from === to) return `这个案件已经是“${STATUS_ZH[to]}”了。`;
  if (to === 'assigned') return `“${STATUS_ZH[from]}”的案件不能改回“已派单”；换人请用“改派”。`;
  return `案件不能从“${STATUS_ZH[from]}”改为“${STATUS_ZH[to]}”。`;
}

/** Throws a TransitionError when the lifecycle does not allow `from → to`. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  const why = refusal(from, to);
  if (why) throw new TransitionError(from, to, why);
}

/** Refuses any action on a closed case but reopening it. */
export function assertNotClosed(c: Pick<Case, 'status'>): void {
  if (c.status === 'closed') throw new TransitionError('closed', 'closed', refusal('closed', 'assigned')!);
}

/** A line of the timeline: who did what, when. */
export function eventOf(
  at: Date,
  actor: string,
  type: CaseEvent['type'],
  text?: string,
  data?: CaseEvent['data'],
): CaseEvent {
  return {
    at: at.toISOString(),
    actor,
    type,
    ...(text === undefined ? {} : { text }),
    ...(data === undefined ? {} : { data }),
  };
}

/**
 * Moves a case to a status the lifecycle allows, writing the change on the timeline: closing sets the resolution
 * time, reopening clears it.
 */
export function moveTo(c: Case, to: CaseStatus, actor: string, at: Date, note?: string): Case {
  assertTransition(c.status, to);
  const now = at.toISOString();
  return {
    ...c,
    status: to,
    resolvedAt: to === 'closed' ? now : to === 'reopened' ? null : c.resolvedAt,
    events: [...c.events, eventOf(at, actor, 'status', note, { from: c.status, to })],
  };
}
