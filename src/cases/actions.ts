import { ConflictError } from '../config/errors.js';
import type { Intent } from '../nlu/types.js';
import type { OutboundInput } from '../queue/outbound.js';
import { assertNotClosed, assertTransition, eventOf, moveTo } from './lifecycle.js';
import type { Case, CaseStatus, Owner } from './schema.js';
import { type Signer, signature } from './signature.js';
import type { Templates } from './templates.js';

/**
 * What each staff action does to a case, as pure functions of the case, the input and the time: the service
 * (service.ts) loads the case, checks the person may act, applies one of these and saves. Each refuses what the
 * lifecycle does not allow with a TransitionError (Chinese reason) and writes who and when on the timeline.
 */

/** Legal and dispute matters are personal: answers go to the resident privately, never into the group. */
export const PRIVATE_INTENTS: readonly Intent[] = ['legal_question', 'dispute_report'];

/** Who acts and when, as written on the timeline. */
export interface Act {
  actor: string;
  at: Date;
}

export function answer(c: Case, text: string, { actor, at }: Act): Case {
  assertTransition(c.status, 'answered');
  return {
    ...c,
    status: 'answered',
    firstResponseAt: c.firstResponseAt ?? at.toISOString(),
    events: [...c.events, eventOf(at, actor, 'reply', text)],
  };
}

/** An internal note: written down, never sent; the status stays. */
export function note(c: Case, text: string, { actor, at }: Act): Case {
  assertNotClosed(c);
  return { ...c, events: [...c.events, eventOf(at, actor, 'note', text)] };
}

/** Hands the case to someone; a case nobody had becomes assigned. */
export function assign(c: Case, owner: Owner, { actor, at }: Act): Case | null {
  assertNotClosed(c);
  // Handing a case to the person who holds it changes nothing, and the timeline says nothing.
  if (c.owner?.name === owner.name && c.owner.kind === owner.kind) return null;
  return {
    ...c,
    owner,
    status: c.status === 'new' || c.status === 'reopened' ? 'assigned' : c.status,
    events: [
      ...c.events,
      eventOf(at, actor, 'reassigned', `${owner.role} ${owner.name}`, { from: c.owner, to: owner }),
    ],
  };
}

/** Refers a case up to the township with a note; it stays open (and on the SLA clock) until closed. */
export function escalate(c: Case, text: string, { actor, at }: Act): Case {
  assertTransition(c.status, 'escalated');
  return { ...c, status: 'escalated', events: [...c.events, eventOf(at, actor, 'escalated', text)] };
}

export const close = (c: Case, text: string | undefined, { actor, at }: Act): Case =>
  moveTo(c, 'closed', actor, at, text);

export const reopen = (c: Case, text: string | undefined, { actor, at }: Act): Case =>
  moveTo(c, 'reopened', actor, at, text);

/** Corrects the intent; the classifier's answer stays in `predictedIntent`, so corrections become training data. */
export function correctIntent(c: Case, intent: Intent, { actor, at }: Act): Case | null {
  assertNotClosed(c);
  if (c.intent === intent) return null;
  return {
    ...c,
    intent,
    events: [...c.events, eventOf(at, actor, 'intent_corrected', undefined, { from: c.intent, to: intent })],
  };
}

/**
 * The status route's change, as the action it stands for: closing and reopening; answered, escalated and
 * assigned have their own actions (they need a text or an owner), and `new` is never a destination.
 */
export function changeStatus(c: Case, to: CaseStatus, text: string | undefined, act: Act): Case {
  if (to === 'closed') return close(c, text, act);
  if (to === 'reopened') return reopen(c, text, act);
  assertTransition(c.status, to);
  throw new ConflictError(
    `set ${to} through its own action`,
    to === 'answered'
      ? '请直接写答复，案件会变为“已答复”。'
      : to === 'escalated'
        ? '请用“上报乡镇”并写明转办说明。'
        : '请用“改派”选择负责人。',
  );
}

/**
 * The message that carries an answer to the resident: privately for legal questions, disputes and private chats,
 * else @name in the group; `replyIndex` numbers it among the case's answers, so a retried send is one message.
 */
export function answerMessage(
  c: Case,
  text: string,
  signer: Signer,
  villageName: string,
  templates: Templates,
): OutboundInput {
  const owner = signature(signer);
  const personal = c.channel === 'private' || PRIVATE_INTENTS.includes(c.intent) || !c.room || c.sensitive === true;
  const message = personal
    ? {
        to: { kind: 'contact' as const, name: c.resident.name },
        text: templates.render('answer_private', { number: c.number, text, owner, village: villageName }),
      }
    : {
        to: { kind: 'room' as const, topic: c.room ?? '', mention: c.resident.name },
        text: templates.render('answer_group', { number: c.number, text, owner }),
      };
  return { ...message, village: c.village, caseId: c.id, record: true, urgent: c.urgent };
}
