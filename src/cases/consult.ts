import { UserFacingError } from '../config/errors.js';
import type { ConsultationStore } from '../proposals/consult-store.js';
import {
  CHOICE_ZH,
  type Choice,
  type Consultation,
  isOpen,
  openConsultation,
  recordComment,
  recordVoice,
  tally,
  tallyText,
} from '../proposals/consultation.js';
import { nextStage, type Proposal, STAGE_ZH } from '../proposals/process.js';
import type { ProposalStore } from '../proposals/store.js';
import { jobIdFor } from '../queue/names.js';
import type { OutboundInput, Outbox } from '../queue/outbound.js';
import type { TimerStore } from '../queue/timers.js';
import type { ResidentStore } from '../residents/store.js';
import type { LoadedVillage } from '../villages/load.js';
import { type Actor, assertMay } from './access.js';
import type { BindingService, Known } from './binding.js';
import type { Case } from './schema.js';
import { formatDue } from './sla.js';
import type { CaseStore } from './store.js';
import type { Templates } from './templates.js';

/** How long after its close a voice on a consultation is still answered (that it came too late). */
const LATE_VOICE_MS = 3 * 24 * 3600_000;

export interface ConsultDeps {
  store: CaseStore;
  proposals: ProposalStore;
  consultations: ConsultationStore;
  residents: ResidentStore;
  bindings: BindingService;
  outbox: Outbox;
  villages: readonly LoadedVillage[];
  templates: Templates;
  botName: string;
  /** The deadline is a case timer, so it fires in order with the others (and on simulate's clock). */
  timers: TimerStore;
}

/** What a proposal is called in replies: the first words of the resident's message. */
export function summaryOf(c: Pick<Case, 'text'>): string {
  const text = c.text.replace(/@\S+\s?/g, '').trim();
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

const choiceCount = (r: Record<Choice, number>) => `支持${r.support} 反对${r.oppose} 弃权${r.abstain}`;

/**
 * 意见征集 and 四议两公开 in the open: the committee opens a consultation, the bot announces it, residents' voices are
 * counted against the roster, the close (a function of the clock) publishes the result, and each step of a
 * proposal is told to the rooms, the proposer and everyone who gave a voice.
 */
export class ConsultService {
  constructor(private readonly deps: ConsultDeps) {}

  private get now() {
    return this.deps.store.clock.now();
  }
  private when(iso: string) {
    return formatDue(new Date(iso), this.deps.store.clock.timeZone);
  }
  private village(id: string): LoadedVillage {
    const v = this.deps.villages.find((x) => x.village.id === id);
    if (!v) throw new Error(`no village ${id}`);
    return v;
  }

  get bindings(): BindingService {
    return this.deps.bindings;
  }

  get(caseId: string): Promise<Consultation | null> {
    return this.deps.consultations.get(caseId);
  }

  /**
   * The consultations a villager's voice may be about: the open ones, else those closed in the last days, so that a
   * voice coming too late is told so (vote_closed) rather than met with silence.
   */
  async answerable(village: string): Promise<Array<Consultation & { words: string }>> {
    const listed = await this.deps.consultations.open(village);
    const open = listed.filter((c) => isOpen(c, this.now));
    if (open.length > 0) return this.withWords(open);
    // Past its deadline but not yet closed (its timer about to fire), or closed in the last days.
    const closed = await this.deps.consultations.closedSince(village, new Date(this.now.getTime() - LATE_VOICE_MS));
    return this.withWords([...listed, ...closed]);
  }

  private async withWords(all: readonly Consultation[]): Promise<Array<Consultation & { words: string }>> {
    const cases = await Promise.all(all.map((c) => this.deps.store.get(c.caseId)));
    return all.map((c, i) => ({ ...c, words: `${c.text} ${cases[i]?.text ?? ''}` }));
  }

  /** Open consultations of a village, with the words that name each (its text and the proposal's). */
  async open(village: string): Promise<Array<Consultation & { words: string }>> {
    const now = this.now;
    return (await this.withWords(await this.deps.consultations.open(village))).filter((c) => isOpen(c, now));
  }

  /** The committee opens 意见征集 on a proposal: every room hears it, bound migrants are told privately. */
  async start(actor: Actor, caseId: string, text: string, hours: number): Promise<Consultation> {
    const c = await this.deps.store.get(caseId);
    if (!c || !actor.villages.includes(c.village))
      throw new UserFacingError(`no case ${caseId}`, '没有这个案件。', 404);
    assertMay(actor, 'proposal', c);
    if (c.intent !== 'proposal') {
      throw new UserFacingError('only proposals are consulted on', '只有议事建议才能征集意见。', 409);
    }
    const v = this.village(c.village);
    const opened = openConsultation({
      caseId: c.id,
      number: c.number,
      village: c.village,
      text,
      actor: actor.id,
      hours,
      perHousehold: v.village.consultation.perHousehold,
      now: this.now,
    });
    const bound = await this.deps.residents.all(c.village);
    const roster = new Map((v.residents ?? []).map((r) => [r.id, r]));
    const migrants = bound.filter((b) => roster.get(b.resident)?.away && !b.quiet);
    const consultation = { ...opened, asked: migrants.map((b) => b.resident) };
    await this.deps.consultations.create(consultation);
    await this.deps.timers.set(
      { kind: 'consult', caseId: c.id, deadline: consultation.deadline },
      new Date(consultation.deadline),
    );
    // Consulted on: on the agenda, so its pace is the consultation's deadline and 四议两公开, not the SLA.
    if (!c.deliberating) await this.deps.store.update(c.id, (x) => ({ ...x, deliberating: true }));
    const t = this.deps.templates;
    const vars = {
      village: v.village.name,
      number: c.number,
      text: consultation.text,
      deadline: this.when(consultation.deadline),
    };
    const unit = consultation.perHousehold ? '每户一票，以户里最后一次表态为准' : '每人一票';
    await this.sendAll(c.village, `consult-open|${c.id}`, [
      ...v.village.rooms.map((topic) => ({
        to: { kind: 'room' as const, topic },
        text: t.render('consult_open_room', { ...vars, bot: v.village.botName ?? this.deps.botName, unit }),
      })),
      ...migrants.map((b) => ({
        to: { kind: 'contact' as const, name: b.wechatName },
        text: t.render('consult_open_private', { ...vars, name: roster.get(b.resident)!.name }),
      })),
    ]);
    return consultation;
  }

  /** A resident's answer: counted when bound, kept as a comment otherwise; the reply goes privately. */
  async answer(
    from: string,
    known: Known | null,
    caseId: string,
    voice: { choice: Choice; reason?: string | undefined; via: string },
  ): Promise<string> {
    const t = this.deps.templates;
    const now = this.now;
    const current = await this.deps.consultations.get(caseId);
    if (!current) throw new Error(`no consultation on ${caseId}`);
    if (!isOpen(current, now))
      return t.render('vote_closed', { number: current.number, deadline: this.when(current.deadline) });
    if (!known) {
      const words = `${CHOICE_ZH[voice.choice]}${voice.reason ? `：${voice.reason}` : ''}`;
      await this.deps.consultations.update(caseId, (c) => recordComment(c, from, words, now));
      return t.render('vote_unbound', {});
    }
    let result = 'new';
    const updated = await this.deps.consultations.update(caseId, (c) => {
      const r = recordVoice(c, { resident: known.resident.id, name: known.resident.name }, voice, now);
      result = r.result;
      return r.consultation;
    });
    const extra =
      result === 'changed'
        ? '（已改为这次的意见，之前的不再计算。）'
        : result === 'same'
          ? '（和您上次的意见相同，只算一次。）'
          : '';
    return t.render('vote_recorded', {
      choice: CHOICE_ZH[voice.choice],
      number: updated.number,
      deadline: this.when(updated.deadline),
      extra,
    });
  }

  /**
   * Sets the deadline timer of every open consultation (setting one twice changes nothing): at start, so that one
   * opened before deadlines were timers still closes.
   */
  async scheduleAll(): Promise<number> {
    const open = await this.deps.consultations.deadlinesAll();
    for (const { caseId, at } of open) {
      const deadline = new Date(at).toISOString();
      await this.deps.timers.set({ kind: 'consult', caseId, deadline }, new Date(at));
    }
    return open.length;
  }

  /** Closes every consultation whose deadline has passed by `now` and publishes each result; how many closed. */
  async closeDue(now = this.now): Promise<number> {
    const due = await this.deps.consultations.due(now);
    for (const caseId of due) {
      const closed = await this.deps.consultations.update(caseId, (c) =>
        c.closedAt ? c : { ...c, closedAt: now.toISOString() },
      );
      const v = this.village(closed.village);
      const text = this.deps.templates.render('consult_result', this.resultVars(closed, v));
      await this.sendAll(closed.village, `consult-close|${caseId}`, [
        ...v.village.rooms.map((topic) => ({ to: { kind: 'room' as const, topic }, text })),
        ...(await this.voterDestinations(closed)).map((to) => ({ to, text })),
      ]);
    }
    return due.length;
  }

  /** The published figures, by 村民小组 and 在外 / 在村. */
  private resultVars(c: Consultation, v: LoadedVillage) {
    const t = tally(c, v.residents ?? []);
    const groups = Object.entries(t.byGroup)
      .sort(([a], [b]) => a.localeCompare(b, 'zh'))
      .map(([g, r]) => `${g} ${choiceCount(r)}`);
    return {
      number: c.number,
      text: c.text,
      tally: tallyText(t),
      groups: groups.join('；') || '无',
      away: choiceCount(t.byPlace.在外),
      home: choiceCount(t.byPlace.在村),
    };
  }

  /** "修路那个事到哪一步了": the step, the next step and the tally so far. */
  async status(c: Case): Promise<string> {
    const [proposal, consultation] = await Promise.all([
      this.deps.proposals.get(c.id),
      this.deps.consultations.get(c.id),
    ]);
    const v = this.village(c.village);
    const stage = proposal ? STAGE_ZH[proposal.stage] : '已受理，等待村党组织提议';
    const next = nextStage(proposal?.stage);
    const tallyLine = consultation
      ? `意见征集${consultation.closedAt || !isOpen(consultation, this.now) ? '已截止' : `进行中（${this.when(consultation.deadline)}截止）`}：${tallyText(tally(consultation, v.residents ?? []))}`
      : '还没有开始征集意见。';
    return this.deps.templates.render('proposal_status', {
      number: c.number,
      summary: summaryOf(c),
      stage,
      next: next ? STAGE_ZH[next] : '已走完全部步骤',
      tally: tallyLine,
    });
  }

  /**
   * A 四议两公开 step, told to every room, the proposer and everyone who gave a voice; `answeredIn` (a room topic,
   * or "private") is where the proposer was just answered, so it is not said there twice.
   */
  async announceStage(c: Case, proposal: Proposal, note: string, answeredIn?: string): Promise<void> {
    const v = this.village(c.village);
    const step = proposal.steps.at(-1);
    const votes = step?.votes
      ? `\n村民代表会议表决：赞成 ${step.votes.for}，反对 ${step.votes.against}，弃权 ${step.votes.abstain}，${proposal.adopted ? '通过' : '未通过'}。`
      : '';
    const consultation = await this.deps.consultations.get(c.id);
    const beside = consultation ? `\n村民协商意见：${tallyText(tally(consultation, v.residents ?? []))}` : '';
    const next = nextStage(proposal.stage);
    const text = this.deps.templates.render('stage_announce', {
      stage: STAGE_ZH[proposal.stage],
      number: c.number,
      summary: summaryOf(c),
      note,
      votes: votes + beside,
      next: next ? STAGE_ZH[next] : '全部步骤已完成',
    });
    const voters = consultation ? await this.voterDestinations(consultation) : [];
    const proposer = { kind: 'contact' as const, name: c.resident.name };
    const people = [...(answeredIn === 'private' ? [] : [proposer]), ...voters.filter((d) => d.name !== proposer.name)];
    await this.sendAll(c.village, `stage|${c.id}|${proposal.stage}`, [
      ...v.village.rooms
        .filter((r) => r !== answeredIn)
        .map((topic) => ({ to: { kind: 'room' as const, topic }, text })),
      ...people.map((to) => ({ to, text })),
    ]);
  }

  /** Everyone whose voice counted and who still wants private notices, by the WeChat name last seen. */
  private async voterDestinations(c: Consultation) {
    const bound = await this.deps.residents.all(c.village);
    return bound
      .filter((b) => c.voices[b.resident] && !b.quiet)
      .map((b) => ({ kind: 'contact' as const, name: b.wechatName }));
  }

  /** Queues a batch once: the job ids come from `key`, so a retried step says nothing twice. */
  private async sendAll(village: string, key: string, messages: Array<Omit<OutboundInput, 'village'>>) {
    await Promise.all(messages.map((m, i) => this.deps.outbox.send({ ...m, village }, jobIdFor('c', `${key}|${i}`))));
  }
}
