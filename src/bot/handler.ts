import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { boundKey } from '../cases/binding.js';
import type { RoutedVillage } from '../cases/routing.js';
import type { CaseStore } from '../cases/store.js';
import type { SurveyDesk } from '../cases/survey-desk.js';
import type { Templates } from '../cases/templates.js';
import { type Clock, systemClock } from '../config/clock.js';
import { createLogger } from '../log/logger.js';
import { understand } from '../nlu/index.js';
import { enqueueIntake, type IntakeJob } from '../queue/intake.js';
import { jobIdFor } from '../queue/names.js';
import type { OutboundInput, Outbox } from '../queue/outbound.js';
import type { TimerStore } from '../queue/timers.js';
import { CaseLimiter } from './case-limit.js';
import type { Civic } from './civic.js';
import { BotMemory, type FirstSight } from './memory.js';
import { type IgnoreReason, type Incoming, intakeJob, plan, type SilenceReason, screen, sourceKey } from './plan.js';
import { answerToAsk, type FollowupChoice, mayFollowUp } from './plan-followup.js';
import { isStatusQuestion } from './plan-status.js';
import { mayAnswerSurvey } from './plan-survey.js';
import { privateVillage, villageAnswer, villageQuestion } from './plan-village.js';
import type { BotPolicy } from './policy.js';
import { Tracker } from './tracker.js';

export { type Incoming, THROTTLE_NOTICE } from './plan.js';

const log = createLogger().child({ part: 'bot' });
/** How long the bot waits for a case it just opened to be stored before planning the resident's next kept message. */
const STORED_WAIT_MS = 5000;

/** What the bot did with a message. */
export type Outcome =
  | { action: 'ignored'; reason: IgnoreReason }
  | { action: 'silent'; reason: SilenceReason }
  | { action: 'replied'; kind: string }
  | { action: 'case'; number: string; intent: string; urgent: boolean; joined: boolean };

export interface HandlerDeps {
  redis: Redis;
  prefix: string;
  villages: readonly RoutedVillage[];
  store: CaseStore;
  intake: Queue<IntakeJob>;
  outbox: Outbox;
  templates: Templates;
  /** Morning acknowledgements of night messages are set here. */
  timers: TimerStore;
  /** Where a resident's 回访 answer goes. */
  survey: SurveyDesk;
  policy: BotPolicy;
  clock?: Clock;
  /** Roster bindings and consultations (plan-vote.ts); without it the bot knows residents by name only. */
  civic?: Civic;
  /** Called when WeChat says "发送消息过于频繁": the sender pauses and backs off. */
  onThrottled?: () => void;
}

/**
 * The bot's shell around its decisions (plan.ts): reads what the plan needs from Redis (first sight, the resident's
 * open case), asks the NLU what the message says, and carries the plan out: a case number taken, the intake job
 * queued for the workers, replies queued outbound.
 */
export class MessageHandler {
  private readonly unknownRooms = new Set<string>();
  private readonly tracker = new Tracker<Outcome>();
  private readonly memory: BotMemory;
  private readonly limiter: CaseLimiter;
  private readonly clock: Clock;

  constructor(private readonly deps: HandlerDeps) {
    this.memory = new BotMemory(deps.redis, deps.prefix);
    this.limiter = new CaseLimiter(deps.redis, deps.prefix);
    this.clock = deps.clock ?? systemClock(deps.policy.timeZone);
  }

  /** Resolves when no message is being handled (for `simulate`, tests and a clean shutdown). */
  idle(): Promise<void> {
    return this.tracker.idle();
  }

  /** Resolves with what the bot did once the message with this id has been handled (register before sending). */
  whenHandled(id: string): Promise<Outcome> {
    return this.tracker.when(id);
  }

  handle(msg: Incoming): Promise<Outcome> {
    return this.tracker.track(
      msg.id,
      () => this.decide(msg),
      (err) => {
        log.error({ err, room: msg.room, id: msg.id }, 'message handling failed');
        return { action: 'ignored', reason: 'error' };
      },
    );
  }

  private async decide(incoming: Incoming): Promise<Outcome> {
    const { villages, policy } = this.deps;
    const screened = screen(incoming, villages, policy, this.clock.now());
    if ('action' in screened) {
      if (screened.throttled) {
        log.warn('WeChat says we send too fast; outbound queue backs off');
        this.deps.onThrottled?.();
      }
      if (screened.reason === 'unknown room' && incoming.room && !this.unknownRooms.has(incoming.room)) {
        this.unknownRooms.add(incoming.room);
        log.info({ room: incoming.room }, 'room belongs to no village; ignoring it');
      }
      return { action: 'ignored', reason: screened.reason };
    }
    const here = screened.village?.village.id;
    const sight = await this.memory.firstSight(incoming, here);
    if (!sight.first) return { action: 'ignored', reason: 'duplicate' };
    try {
      if (screened.village) return await this.carryOut(incoming, screened.village, sight);
      return await this.inPrivate(incoming, sight);
    } catch (err) {
      await this.memory.forget(incoming, here);
      throw err;
    }
  }

  /**
   * A private chat names no village: the resident's binding, their earlier answer or the one group they speak in
   * tells (plan-village.ts); otherwise the bot asks which, keeps the message, and handles it once answered.
   */
  private async inPrivate(msg: Incoming, sight: FirstSight): Promise<Outcome> {
    const { villages, policy, templates } = this.deps;
    const spoken = (id: string | undefined) => villages.find((v) => v.village.id === id);
    if (villages.length === 1 || msg.kind !== 'text') {
      return this.carryOut(msg, villages.length === 1 ? villages[0] : spoken(sight.spokenIn[0]), sight);
    }
    const waiting = await this.memory.villageAsked(msg.from);
    const named =
      waiting &&
      villageAnswer(
        msg.text,
        waiting.among.map(spoken).filter((v) => v !== undefined),
      );
    // Not answered but written on: the resident wants to be heard, so what was kept and this message are filed in
    // the village offered first (the group spoken in last) rather than kept unheard.
    const to = named || (waiting ? spoken(waiting.among[0]) : undefined);
    if (waiting && to) {
      const kept = await this.memory.takeKept(msg.from, named ? named.village.id : null);
      const all = named ? kept : [...kept, { id: msg.id, from: msg.from, text: msg.text, at: msg.at }];
      let outcome: Outcome = { action: 'silent', reason: 'chit-chat' };
      for (const [i, one] of all.entries()) {
        try {
          // Each kept message is planned once the one before it is stored, so a follow-up joins the case just opened.
          if (outcome.action === 'case') await this.stored(outcome.number);
          outcome = await this.carryOut({ ...msg, ...one }, to, sight);
        } catch (err) {
          // Not filed after all: what is left is kept again, so nothing the resident said is lost (this message itself
          // is not: WeChat delivers it again, and it is forgotten as seen).
          const left = all.slice(i).filter((m) => m.id !== msg.id);
          for (const m of left) await this.memory.askVillage(waiting.among, m).catch(() => undefined);
          throw err;
        }
      }
      return outcome;
    }
    const heard = understand(msg.text, { mentioned: true, botName: policy.botName });
    const urgent = heard.urgent || heard.sensitive !== undefined;
    const ids = villages.map((v) => v.village.id);
    const [boundIn, chosen] = await Promise.all([
      this.deps.civic?.boundIn(ids, msg) ?? [],
      this.memory.chosen(msg.from),
    ]);
    const where = privateVillage(villages, { spokenIn: sight.spokenIn, boundIn, chosen }, msg.text, urgent);
    if (where.kind !== 'ask') return this.carryOut(msg, where.kind === 'village' ? where.village : undefined, sight);
    await this.memory.askVillage(
      where.among.map((v) => v.village.id),
      { id: msg.id, from: msg.from, text: msg.text, at: msg.at },
    );
    const text = villageQuestion(templates, where.among, urgent);
    await this.send(msg, undefined, [{ to: { kind: 'contact', name: msg.from }, text, urgent }]);
    return { action: 'replied', kind: 'village_ask' };
  }

  private async carryOut(
    incoming: Incoming,
    village: RoutedVillage | undefined,
    sight: { context: IntakeJob['context']; called: boolean },
    forced?: FollowupChoice,
  ): Promise<Outcome> {
    const { policy, templates } = this.deps;
    let msg =
      incoming.kind === 'nontext' && incoming.room !== null && sight.called
        ? { ...incoming, mentioned: true }
        : incoming;
    const hear = (text: string, mentioned: boolean) =>
      understand(text, { mentioned, botName: village?.village.botName ?? policy.botName });
    let understanding = village && msg.kind === 'text' ? hear(msg.text, msg.room === null || msg.mentioned) : null;
    const civic = village && understanding ? await this.deps.civic?.view(msg, village.village.id) : undefined;
    // A bound resident's cases are theirs wherever they write from and whatever they are called.
    const who = civic?.known
      ? {
          key: boundKey(village!.village.id, civic.known.resident.id),
          name: msg.from,
          boundTo: civic.known.resident.id,
        }
      : { key: `${village?.village.id}:${msg.from}`, name: msg.from };
    const wantsCases =
      understanding &&
      (msg.room === null || isStatusQuestion(understanding.normalized) || mayFollowUp(understanding.normalized));
    const cases = village && wantsCases ? await this.deps.store.casesOf(who.key) : [];
    // "1" or "2" after the bot asked which case a message belongs to: the kept message is handled now, as told.
    let choice = forced;
    const waits = !forced && village && msg.room === null && msg.kind === 'text';
    const pending = waits ? await this.memory.answered(village.village.id, msg.from) : null;
    if (pending) {
      const asked = cases.find((c) => c.id === pending.caseId);
      const join: FollowupChoice = asked
        ? { kind: 'join', case: asked, reopen: asked.status === 'answered' || asked.status === 'closed' }
        : { kind: 'new' };
      const kept = { ...msg, id: pending.msg.id, text: pending.msg.text, at: pending.msg.at };
      const answer = answerToAsk(msg.text);
      if (!answer) {
        // Not an answer: the kept message goes where the bot thought it belonged, then this one is handled.
        await this.carryOut(kept, village, sight, join);
        return this.carryOut(incoming, village, sight);
      }
      choice = answer === 'join' ? join : { kind: 'new' };
      msg = kept;
      understanding = hear(msg.text, true);
    }
    const surveyCase =
      village && understanding && mayAnswerSurvey(msg.text) ? await this.deps.store.surveyPendingFor(who.key) : null;
    const p = plan({
      msg,
      village,
      understanding,
      cases,
      surveyCase,
      policy,
      templates,
      civic,
      ...(choice ? { choice } : {}),
    });

    switch (p.action) {
      case 'ignore':
        return { action: 'ignored', reason: p.reason };
      case 'silent':
        return p;
      case 'civic':
        return { action: 'replied', kind: await this.deps.civic!.carryOut(msg, village!.village.id, civic!.known, p) };
      case 'reply':
        if (p.cooldown && village && !(await this.memory.mayReply(msg, village.village.id, policy, this.clock.now()))) {
          return { action: 'silent', reason: 'cooldown' };
        }
        await this.send(msg, village, p.replies);
        return { action: 'replied', kind: p.kind };
      case 'join': {
        const v = village!;
        await Promise.all([
          enqueueIntake(
            this.deps.intake,
            intakeJob(
              msg,
              v,
              { ...understanding!, urgent: p.urgent },
              [],
              { caseId: p.case.id },
              p.replies,
              p.sensitive,
              who,
            ),
          ),
          this.send(msg, v, p.replies, p.case.id),
        ]);
        return { action: 'case', number: p.case.number, intent: p.case.intent, urgent: p.urgent, joined: true };
      }
      case 'ask': {
        const v = village!;
        await this.memory.ask(v.village.id, {
          caseId: p.case.id,
          msg: { id: msg.id, from: msg.from, text: msg.text, at: msg.at },
        });
        // Its own message key: the kept message's replies, once answered, go under the message's.
        await this.send({ ...msg, id: `${msg.id}.ask` }, v, p.replies);
        return { action: 'replied', kind: 'followup_ask' };
      }
      case 'open': {
        const v = village!;
        const verdict = await this.limiter.verdict(v.village.id, msg.from, p.urgent, this.clock.now());
        if (verdict === 'silent') return { action: 'silent', reason: 'case limit' };
        if (verdict === 'tell') {
          const text = templates.render('case_limit', { limit: String(this.limiter.limit) });
          await this.send(msg, v, [{ to: { kind: 'contact', name: msg.from }, text, village: v.village.id }]);
          return { action: 'replied', kind: 'case_limit' };
        }
        const { id, number } = await this.deps.store.allocate(v.prefix, sourceKey(v, msg), msg.at);
        const replies = p.replies(number);
        const context = msg.room === null ? [] : sight.context;
        await Promise.all([
          enqueueIntake(
            this.deps.intake,
            intakeJob(
              msg,
              v,
              // The plan's reading: a sensitive matter is counted and routed as LABELS.md says, not as it sounded.
              { ...understanding!, intent: p.intent, urgent: p.urgent },
              context,
              null,
              replies,
              p.sensitive,
              who,
            ),
          ),
          this.send(msg, v, replies, id),
        ]);
        const morning = p.heldBack?.(number).map((r) => ({ ...r, caseId: id }));
        if (morning?.length) await this.deps.timers.set({ kind: 'morning', caseId: id, replies: morning }, p.morning);
        return { action: 'case', number, intent: p.intent, urgent: p.urgent, joined: false };
      }
      case 'survey':
        await this.deps.survey.answer(p.case.id, p.answer, p.words, msg.id, msg.room);
        return { action: 'replied', kind: 'survey' };
    }
  }

  /** Resolves once the intake workers have stored the case (or after a few seconds, when they are slow or apart). */
  private async stored(number: string): Promise<void> {
    for (let waited = 0; waited < STORED_WAIT_MS; waited += 25) {
      if (await this.deps.store.getByNumber(number)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Queues replies; with the case they belong to, a reply that finally cannot be sent is written on it. */
  private async send(msg: Incoming, v: RoutedVillage | undefined, replies: OutboundInput[], caseId?: string) {
    const base = `${v?.village.id ?? '-'}|${msg.room ?? 'p'}|${msg.id}`;
    await Promise.all(
      replies.map((r, i) => this.deps.outbox.send(caseId ? { ...r, caseId } : r, jobIdFor('r', `${base}|${i}`))),
    );
  }
}
