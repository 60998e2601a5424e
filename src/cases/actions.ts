import type { Intent } from '../nlu/types.js';
import { jobIdFor } from '../queue/names.js';
import type { Outbox } from '../queue/outbound.js';
import type { LoadedVillage } from '../villages/load.js';
import type { Case, CaseEvent, CaseStatus, Owner } from './schema.js';
import { type CaseStore, isOpen } from './store.js';
import type { Templates } from './templates.js';

/** Legal and dispute matters are personal: answers go to the resident privately, never into the group. */
export const PRIVATE_INTENTS: readonly Intent[] = ['legal_question', 'dispute_report'];

/** The person answering, as the resident reads the signature: role and name. */
export interface Signer {
  name: string;
  /** Used when the name is not one of the village's advisors or committee members (whose own role is used). */
  role?: string | undefined;
}

export interface ReplyInput {
  text: string;
  /** An internal note: written on the timeline, never sent to WeChat. */
  internal?: boolean;
  /** Who acts, as written on the timeline: "user:<username>", "system", … */
  actor: string;
  /** Who signs the answer: the person replying, not the case's owner (who may not be the one answering). */
  by: Signer;
}

export class CaseActionError extends Error {
  override name = 'CaseActionError';
}

const event = (actor: string, type: CaseEvent['type'], text?: string, data?: CaseEvent['data']): CaseEvent => ({
  at: new Date().toISOString(),
  actor,
  type,
  ...(text === undefined ? {} : { text }),
  ...(data === undefined ? {} : { data }),
});

/**
 * What advisors, mediators and the committee do to a case (the admin routes and `simulate` call these). Every
 * action writes a timeline event with who and when; answers reach the resident through the outbound queue.
 */
export class CaseService {
  private readonly byId: Map<string, LoadedVillage>;

  constructor(
    readonly store: CaseStore,
    private readonly outbox: Outbox,
    villages: readonly LoadedVillage[],
    private readonly templates: Templates,
  ) {
    this.byId = new Map(villages.map((v) => [v.village.id, v]));
  }

  /** The people a case of this village can be given to: its legal advisors and committee members. */
  ownersOf(villageId: string): Owner[] {
    const v = this.byId.get(villageId)?.village;
    if (!v) return [];
    return [
      ...v.legalAdvisors.map((a): Owner => ({ name: a.name, role: '法律顾问', phone: a.phone, kind: 'advisor' })),
      ...v.committee.members.map((m): Owner => ({ name: m.name, role: m.role, phone: m.phone, kind: 'committee' })),
    ];
  }

  /**
   * Answers a case. An internal note is only written down; a reply is queued to the resident (privately for
   * legal questions, disputes and private chats; else @name in the group), marks the case answered and sets the
   * first-response time.
   */
  async replyToCase(id: string, { text, internal = false, actor, by }: ReplyInput): Promise<Case> {
    const body = text.trim();
    if (!body) throw new CaseActionError('the reply is empty');
    if (internal) return this.store.update(id, (c) => ({ ...c, events: [...c.events, event(actor, 'note', body)] }));

    const now = new Date().toISOString();
    let replyIndex = 0;
    const updated = await this.store.update(id, (c) => {
      replyIndex = c.events.filter((e) => e.type === 'reply').length;
      return {
        ...c,
        status: 'answered',
        firstResponseAt: c.firstResponseAt ?? now,
        events: [...c.events, event(actor, 'reply', body)],
      };
    });
    const village = this.byId.get(updated.village)?.village;
    const person = this.ownersOf(updated.village).find((o) => o.name === by.name);
    const owner = `${person?.role ?? by.role ?? ''}${by.name}`;
    const personal = updated.channel === 'private' || PRIVATE_INTENTS.includes(updated.intent) || !updated.room;
    const message = personal
      ? {
          to: { kind: 'contact' as const, name: updated.resident.name },
          text: this.templates.render('answer_private', {
            number: updated.number,
            text: body,
            owner,
            village: village?.name ?? '',
          }),
        }
      : {
          to: { kind: 'room' as const, topic: updated.room ?? '', mention: updated.resident.name },
          text: this.templates.render('answer_group', { number: updated.number, text: body, owner }),
        };
    await this.outbox.send(
      { ...message, village: updated.village, caseId: updated.id, record: true, urgent: updated.urgent },
      jobIdFor('answer', `${updated.id}|${replyIndex}`),
    );
    return updated;
  }

  /** Moves a case to a status; closing sets the resolution time, reopening clears it. */
  async setStatus(id: string, status: CaseStatus, actor: string, note?: string): Promise<Case> {
    const now = new Date().toISOString();
    return this.store.update(id, (c) => {
      if (c.status === status) return null;
      return {
        ...c,
        status,
        resolvedAt: status === 'closed' ? now : status === 'reopened' ? null : c.resolvedAt,
        events: [...c.events, event(actor, 'status', note, { from: c.status, to: status })],
      };
    });
  }

  /** Corrects the intent; the classifier's answer stays in `predictedIntent`, so corrections become training data. */
  async correctIntent(id: string, intent: Intent, actor: string): Promise<Case> {
    return this.store.update(id, (c) => {
      if (c.intent === intent) return null;
      return {
        ...c,
        intent,
        events: [...c.events, event(actor, 'intent_corrected', undefined, { from: c.intent, to: intent })],
      };
    });
  }

  async reassign(id: string, owner: Owner, actor: string): Promise<Case> {
    return this.store.update(id, (c) => ({
      ...c,
      owner,
      status: c.status === 'new' ? 'assigned' : c.status,
      events: [...c.events, event(actor, 'reassigned', `${owner.role} ${owner.name}`, { from: c.owner, to: owner })],
    }));
  }

  /** Refers a case up to the township with a note; it stays open (and on the SLA clock) until closed. */
  async escalate(id: string, { note, actor }: { note: string; actor: string }): Promise<Case> {
    return this.store.update(id, (c) => {
      if (!isOpen(c) && c.status !== 'answered')
        throw new CaseActionError(`case ${c.number} is closed; reopen it first`);
      return { ...c, status: 'escalated', events: [...c.events, event(actor, 'escalated', note)] };
    });
  }
}
