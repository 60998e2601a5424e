import { ForbiddenError, NotFoundError } from '../config/errors.js';
import type { Village } from '../villages/schema.js';
import type { Case } from './schema.js';

export const STAFF_ROLES = ['advisor', 'mediator', 'committee', 'township', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_ZH: Record<StaffRole, string> = {
  advisor: '法律顾问',
  mediator: '调解员',
  committee: '村两委',
  township: '乡镇',
  admin: '管理员',
};

/** Who acts on a case: a workbench user, or a person of village.json playing a `simulate` staff line. */
export interface Actor {
  /** As written on the timeline: "user:<username>". */
  id: string;
  /** The name answers are signed with, and matched against the case's owner. */
  name: string;
  role: StaffRole;
  /** The village ids the person works for (already widened for township and admin users). */
  villages: readonly string[];
  /** How the signature reads when the name is on no village list (e.g. 法律顾问); none for a bare name. */
  title?: string | undefined;
}

export type StaffAction =
  | 'answer'
  | 'note'
  | 'close'
  | 'reopen'
  | 'assign'
  | 'escalate'
  | 'intent'
  | 'proposal'
  | 'mediate';

/** What the advisor and mediator do to the cases that are theirs; everything else is the committee's. */
const CASEWORK: readonly StaffAction[] = ['answer', 'note', 'close', 'mediate'];

const wasEscalated = (c: Case) => c.status === 'escalated' || c.events.some((e) => e.type === 'escalated');

/**
 * Whether the actor may do `action` to the case, after Contract 3: an advisor answers, notes and closes the cases
 * it owns; a mediator the same for disputes; the committee everything in its villages; the township reads its
 * villages' cases and acts on escalated ones; admin all. The Chinese reason when not, else null.
 */
export function refusalFor(actor: Actor, action: StaffAction, c: Case): string | null {
  switch (actor.role) {
    case 'admin':
    case 'committee':
      return null;
    case 'township':
      return wasEscalated(c) ? null : '乡镇只处理已上报到乡镇的案件；这个案件还在村里办理。';
    case 'advisor':
      if (!CASEWORK.includes(action)) return '这个操作需要村两委来做（法律顾问可以答复、备注和办结自己的案件）。';
      return c.owner?.name === actor.name ? null : '这个案件没有分派给您；请村两委改派后再处理。';
    case 'mediator':
      if (!CASEWORK.includes(action)) return '这个操作需要村两委来做（调解员可以答复、备注和办结纠纷案件）。';
      return c.intent === 'dispute_report' ? null : '调解员只处理矛盾纠纷类案件。';
  }
}

/** A case of another village answers exactly like a missing one: its existence is not the person's business. */
export function assertCanRead(actor: Actor, c: Case | null, id: string): asserts c is Case {
  if (!c || !actor.villages.includes(c.village)) throw new NotFoundError(`no case ${id}`);
}

export function assertMay(actor: Actor, action: StaffAction, c: Case): void {
  const why = refusalFor(actor, action, c);
  if (why) throw new ForbiddenError(`${actor.role} ${actor.id} may not ${action} case ${c.number}`, why);
}

/**
 * The person of village.json a `simulate` staff line names (by name or WeChat name), as an actor of every village
 * that lists them: an advisor acts as one, a committee member as the committee, a township contact as the township.
 * A name on no list is refused: only the village's own people act on its cases.
 */
export function villageActor(villages: readonly Village[], name: string): Actor {
  const is = (p: { name: string; wechatName?: string | undefined }) => p.name === name || p.wechatName === name;
  const where = (people: (v: Village) => ReadonlyArray<{ name: string; wechatName?: string | undefined }>) =>
    villages.filter((v) => people(v).some(is)).map((v) => v.id);
  const roles: Array<[Actor['role'], string[]]> = [
    ['advisor', where((v) => v.legalAdvisors)],
    ['committee', where((v) => v.committee.members)],
    ['township', where((v) => v.townshipContacts ?? [])],
  ];
  const found = roles.find(([, ids]) => ids.length > 0);
  if (!found) {
    throw new ForbiddenError(
      `${name} is no advisor, committee member or township contact in village.json`,
      `${name}不在村里的法律顾问、村两委或镇里联系人名单上，不能办理案件。`,
    );
  }
  return { id: `user:${name}`, name, role: found[0], villages: found[1] };
}
