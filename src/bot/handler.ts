import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RoutedVillage } from '../cases/routing.js';
import type { CaseStore } from '../cases/store.js';
import type { Templates } from '../cases/templates.js';
import { type Clock, systemClock } from '../config/clock.js';
import { createLogger } from '../log/logger.js';
import { understand } from '../nlu/index.js';
import { enqueueIntake, type IntakeJob } from '../queue/intake.js';
import { jobIdFor } from '../queue/names.js';
import type { OutboundInput, Outbox } from '../queue/outbound.js';
import { CaseLimiter } from './case-limit.js';
import { BotMemory } from './memory.js';
import {
  homeVillage,
  type IgnoreReason,
  type Incoming,
  intakeJob,
  plan,
  type SilenceReason,
  screen,
  sourceKey,
} from './plan.js';
import type { BotPolicy } from './policy.js';
import { Tracker } from './tracker.js';

export { type Incoming, THROTTLE_NOTICE } from './plan.js';

const log = createLogger().child({ part: 'bot' });

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
  policy: BotPolicy;
  clock?: Clock;
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
      return await this.carryOut(incoming, screened.village ?? homeVillage(villages, sight.home), sight);
    } catch (err) {
      await this.memory.forget(incoming, here);
      throw err;
    }
  }

  private async carryOut(
    incoming: Incoming,
    village: RoutedVillage | undefined,
    sight: { context: IntakeJob['context']; called: boolean },
  ): Promise<Outcome> {
    const { policy, templates } = this.deps;
    const msg =
      incoming.kind === 'nontext' && incoming.room !== null && sight.called
        ? { ...incoming, mentioned: true }
        : incoming;
    const understanding =
      village && msg.kind === 'text'
        ? understand(msg.text, {
            mentioned: msg.room === null || msg.mentioned,
            botName: village.village.botName ?? policy.botName,
          })
        : null;
    const openCase =
      village && understanding && msg.room === null
        ? await this.deps.store.openCaseFor(`${village.village.id}:${msg.from}`)
        : null;
    const p = plan({ msg, village, understanding, openCase, policy, templates });

    switch (p.action) {
      case 'ignore':
        return { action: 'ignored', reason: p.reason };
      case 'silent':
        return p;
      case 'reply':
        if (p.cooldown && village && !(await this.memory.mayReply(msg, village.village.id, policy, this.clock.now()))) {
          return { action: 'silent', reason: 'cooldown' };
        }
        await this.send(msg, village, p.replies);
        return { action: 'replied', kind: p.kind };
      case 'join': {
        const v = village!;
        await Promise.all([
          enqueueIntake(this.deps.intake, intakeJob(msg, v, understanding!, [], true, p.replies)),
          this.send(msg, v, p.replies, p.case.id),
        ]);
        return { action: 'case', number: p.case.number, intent: p.case.intent, urgent: p.urgent, joined: true };
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
          enqueueIntake(this.deps.intake, intakeJob(msg, v, understanding!, context, false, replies)),
          this.send(msg, v, replies, id),
        ]);
        return { action: 'case', number, intent: p.intent, urgent: p.urgent, joined: false };
      }
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
