import { UserFacingError } from '../config/errors.js';
import type { Intent } from '../nlu/types.js';
import { type Proposal, STAGE_ZH, type Stage, type Votes } from '../proposals/process.js';
import type { ProposalStore } from '../proposals/store.js';
import { jobIdFor } from '../queue/names.js';
import type { Outbox } from '../queue/outbound.js';
import type { TimerStore } from '../queue/timers.js';
import type { LoadedVillage } from '../villages/load.js';
import { type Actor, assertCanRead, assertMay, type StaffAction } from './access.js';
import * as act from './actions.js';
import type { ConsultService } from './consult.js';
import { type MediationStep, mediate, mediatorsAt } from './mediation.js';
import { townshipOwner } from './notices.js';
import type { Case, CaseStatus, Owner } from './schema.js';
import { queryGrams } from './search.js';
import type { CaseStore, ListQuery } from './store.js';
import type { CaseSummary } from './summary.js';
import { SurveyDesk } from './survey-desk.js';
import type { Templates } from './templates.js';

export interface CaseServiceDeps {
  store: CaseStore;
  outbox: Outbox;
  villages: readonly LoadedVillage[];
  templates: Templates;
  proposals: ProposalStore;
  /** Tells each 四议两公开 step to the village's rooms, the proposer and the voters. */
  consult?: ConsultService;
  /** Where the 回访 window's end is set when a case is closed. */
  timers: TimerStore;
}

/**
 * A filter a person asks for: one village of theirs or all of them, words to search (`q`), only their own cases
 * (`mine`), only the cases still waiting for the village (`open`).
 */
export type CaseFilter = Omit<ListQuery, 'villages' | 'owner' | 'grams' | 'open'> & {
  village?: string | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  open?: boolean | undefined;
};

export interface ProposalInput {
  stage: Stage;
  note: string;
  votes?: Votes | undefined;
  /** At 公开: also tell the group (the proposer is answered there). */
  announce?: boolean;
}

/** A mediation step as staff record it, optionally naming who mediates at that rung. */
export type MediationInput = Omit<MediationStep, 'people'> & {
  mediator?: { name: string; kind: Owner['kind'] } | undefined;
};

const votesText = (v: Votes) => `赞成 ${v.for}，反对 ${v.against}，弃权 ${v.abstain}`;

/**
 * Every staff action on a case, for whoever asks: the workbench's routes and `simulate`'s staff lines call these
 * with the acting person. Each loads the case, checks the person's villages and role (404 / 403), applies the pure
 * action (actions.ts, which refuses what the lifecycle does not allow: 409) and saves; answers then go to the
 * resident through the outbound queue.
 */
export class CaseService {
  readonly store: CaseStore;
  readonly proposals: ProposalStore;
  private readonly outbox: Outbox;
  private readonly templates: Templates;
  private readonly byId: Map<string, LoadedVillage>;
  /** 意见征集 and bindings (the workbench's proposal and residents pages). */
  readonly consult: ConsultService | undefined;
  private readonly survey: SurveyDesk;

  constructor(deps: CaseServiceDeps) {
    this.consult = deps.consult;
    this.survey = new SurveyDesk({ ...deps, villages: deps.villages.map((v) => v.village) });
    this.store = deps.store;
    this.proposals = deps.proposals;
    this.outbox = deps.outbox;
    this.templates = deps.templates;
    this.byId = new Map(deps.villages.map((v) => [v.village.id, v]));
  }

  private get now(): Date {
    return this.store.clock.now();
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

  /** Everyone a case of this village can be with: its owners (above) and the township's contacts. */
  peopleOf(villageId: string): Owner[] {
    const township = (this.byId.get(villageId)?.village.townshipContacts ?? []).map(townshipOwner);
    return [...this.ownersOf(villageId), ...township];
  }

  /** The villages of the actor a filter covers. */
  villagesFor(actor: Actor, village?: string): string[] {
    return village ? actor.villages.filter((v) => v === village) : [...actor.villages];
  }

  async get(actor: Actor, id: string): Promise<Case> {
    const c = await this.store.get(id);
    assertCanRead(actor, c, id);
    return c;
  }

  /** A page of the inbox of the actor's villages, urgent and overdue first. */
  async list(actor: Actor, filter: CaseFilter): Promise<{ items: CaseSummary[]; total: number }> {
    const query = this.queryFor(actor, filter);
    return query ? this.store.summaries(query) : { items: [], total: 0 };
  }

  /** The store query for a person's filter; null when it can match nothing (no village of theirs). */
  private queryFor(actor: Actor, filter: CaseFilter): ListQuery | null {
    const villages = this.villagesFor(actor, filter.village);
    if (villages.length === 0) return null;
    const { village: _, q, mine, open, ...query } = filter;
    const grams = q ? queryGrams(q) : [];
    return {
      ...query,
      villages,
      ...(query.status === undefined && open ? { open: true } : {}),
      ...(mine ? { owner: actor.name } : {}),
      ...(grams.length > 0 ? { grams } : {}),
    };
  }

  /** Every case of the filter with its timeline (CSV export). */
  async export(actor: Actor, filter: Omit<CaseFilter, 'limit' | 'offset'>): Promise<Case[]> {
    const query = this.queryFor(actor, filter);
    return query ? this.store.all(query) : [];
  }

  /** Cases of the actor's villages received in [from, to) (statistics). */
  async receivedBetween(actor: Actor, village: string | undefined, from: Date, to: Date): Promise<Case[]> {
    const villages = this.villagesFor(actor, village);
    return villages.length ? this.store.receivedBetween(villages, from, to) : [];
  }

  /** Proposal cases of the actor's villages with their 四议两公开 stage. */
  async proposalCases(
    actor: Actor,
    village?: string,
  ): Promise<{ cases: Case[]; total: number; proposals: Map<string, Proposal> }> {
    const villages = this.villagesFor(actor, village);
    const page = villages.length
      ? await this.store.list({ villages, intent: 'proposal', limit: 200 })
      : { items: [], total: 0 };
    return {
      cases: page.items,
      total: page.total,
      proposals: await this.proposals.getMany(page.items.map((c) => c.id)),
    };
  }

  /** Loads, checks and changes one case; `change` is a pure action. */
  private async apply(actor: Actor, action: StaffAction, id: string, change: (c: Case) => Case | null): Promise<Case> {
    await this.get(actor, id);
    return this.store.update(id, (c) => {
      assertMay(actor, action, c);
      return change(c);
    });
  }

  /** Answers the resident (through the bot) and marks the case answered, or writes an internal note. */
  async reply(
    actor: Actor,
    id: string,
    { text, internal = false }: { text: string; internal?: boolean },
  ): Promise<Case> {
    const body = text.trim();
    if (!body) throw new UserFacingError('the reply is empty', '答复内容是空的。');
    const at = this.now;
    if (internal) return this.apply(actor, 'note', id, (c) => act.note(c, body, { actor: actor.id, at }));
    let replyIndex = 0;
    const updated = await this.apply(actor, 'answer', id, (c) => {
      replyIndex = c.events.filter((e) => e.type === 'reply').length;
      return act.answer(c, body, { actor: actor.id, at });
    });
    const person = this.peopleOf(updated.village).find((o) => o.name === actor.name);
    const village = this.byId.get(updated.village)?.village.name ?? '';
    const signer = { name: actor.name, role: person?.role ?? actor.title };
    await this.outbox.send(
      act.answerMessage(updated, body, signer, village, this.templates),
      jobIdFor('answer', `${updated.id}|${replyIndex}`),
    );
    return updated;
  }

  /** Hands the case to one of its village's advisors or committee members. */
  async assign(actor: Actor, id: string, { name, kind }: { name: string; kind: Owner['kind'] }): Promise<Case> {
    const c = await this.get(actor, id);
    const owner = this.ownersOf(c.village).find((o) => o.name === name && o.kind === kind);
    if (!owner) throw new UserFacingError(`${name} is not a ${kind} of village ${c.village}`, '这个人不在本村名单里。');
    return this.apply(actor, 'assign', id, (x) => act.assign(x, owner, { actor: actor.id, at: this.now }));
  }

  async escalate(actor: Actor, id: string, note: string): Promise<Case> {
    return this.apply(actor, 'escalate', id, (c) => act.escalate(c, note, { actor: actor.id, at: this.now }));
  }

  /** Closes or reopens a case (the status route); other statuses have their own actions. Closing asks 回访. */
  async setStatus(actor: Actor, id: string, status: CaseStatus, note?: string): Promise<Case> {
    const action: StaffAction = status === 'reopened' ? 'reopen' : 'close';
    const c = await this.apply(actor, action, id, (x) =>
      act.changeStatus(x, status, note, { actor: actor.id, at: this.now }),
    );
    return c.status === 'closed' ? this.survey.ask(c) : c;
  }

  /**
   * Records a dispute's step on the mediation ladder; the people of that rung take the case: the person named
   * (one of the village's people), else the rung's own (mediatorsAt).
   */
  async mediate(actor: Actor, id: string, step: MediationInput): Promise<Case> {
    const { mediator, ...rest } = step;
    const c = await this.get(actor, id);
    const people = mediator
      ? this.peopleOf(c.village).find((o) => o.name === mediator.name && o.kind === mediator.kind)
      : mediatorsAt(this.byId.get(c.village)?.village, c, step.level);
    if (mediator && !people) {
      throw new UserFacingError(
        `${mediator.name} is not a ${mediator.kind} of village ${c.village}`,
        '这个人不在本村名单里。',
      );
    }
    return this.apply(actor, 'mediate', id, (x) => mediate(x, { ...rest, people }, actor.id, this.now));
  }

  async correctIntent(actor: Actor, id: string, intent: Intent): Promise<Case> {
    return this.apply(actor, 'intent', id, (c) => act.correctIntent(c, intent, { actor: actor.id, at: this.now }));
  }

  /** Moves a proposal case one 四议两公开 stage on, noted on its timeline; at 公开 it may tell the group. */
  async advanceProposal(actor: Actor, id: string, input: ProposalInput): Promise<{ proposal: Proposal; case: Case }> {
    const c = await this.get(actor, id);
    assertMay(actor, 'proposal', c);
    if (c.intent !== 'proposal') {
      throw new UserFacingError('only proposal cases go to 议事协商', '只有议事建议类案件才能进入议事协商。', 409);
    }
    const proposal = await this.proposals.advance(
      { caseId: c.id, village: c.village, stage: input.stage, note: input.note, actor: actor.id, votes: input.votes },
      this.now,
    );
    const outcome =
      proposal.stage === 'resolved' && input.votes
        ? `（${votesText(input.votes)}，${proposal.adopted ? '通过' : '未通过'}）`
        : '';
    // On the agenda from its first step: 四议两公开 sets the pace, so no SLA reminder, overdue or escalation.
    if (!c.deliberating) await this.store.update(c.id, (x) => ({ ...x, deliberating: true }));
    let updated = await this.reply(actor, c.id, {
      text: `议事协商 · ${STAGE_ZH[proposal.stage]}：${input.note}${outcome}`,
      internal: true,
    });
    const answered = proposal.stage === 'published' && input.announce;
    if (answered) updated = await this.reply(actor, c.id, { text: `【议事结果】${input.note}` });
    // The proposer's own chat has just been answered; everyone else hears of the step.
    await this.consult?.announceStage(updated, proposal, input.note, answered ? (c.room ?? 'private') : undefined);
    return { proposal, case: updated };
  }
}
