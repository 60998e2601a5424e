import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RoutedVillage } from '../cases/routing.js';
import { route } from '../cases/routing.js';
import { dueAt, formatDue } from '../cases/sla.js';
import type { CaseStore } from '../cases/store.js';
import type { Templates } from '../cases/templates.js';
import { createLogger } from '../log/logger.js';
import { understand } from '../nlu/index.js';
import type { Understanding } from '../nlu/types.js';
import { enqueueIntake, type IntakeJob } from '../queue/intake.js';
import { jobIdFor } from '../queue/names.js';
import type { OutboundInput, Outbox } from '../queue/outbound.js';
import { rankArticles } from '../rules/excerpt.js';
import { advisorFor, dutyMember, villageForRoom } from '../villages/load.js';
import { type BotPolicy, inQuietHours } from './policy.js';

const log = createLogger().child({ part: 'bot' });

/** One incoming WeChat message, reduced to what the bot needs (the Wechaty adapter fills it). */
export interface Incoming {
  /** The WeChat message id: a re-delivered message has the same one. */
  id: string;
  /** Room topic, or null for a private chat. */
  room: string | null;
  /** The talker's display name (group nickname when set). */
  from: string;
  kind: 'text' | 'nontext' | 'system';
  text: string;
  mentioned: boolean;
  at: Date;
}

export type Outcome =
  | { action: 'ignored'; reason: string }
  | { action: 'silent'; intent: string }
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
  /** Called when WeChat says "发送消息过于频繁": the sender pauses and backs off. */
  onThrottled?: () => void;
}

/** WeChat's answer to a sender that is too fast, delivered as an incoming system message. */
export const THROTTLE_NOTICE = '发送消息过于频繁';

const CONTEXT_SIZE = 5;
const SEEN_TTL_S = 3 * 24 * 3600;
/** Private chit-chat this short ("谢谢", "好的") gets no help text. */
const SHORT_CHAT = 8;
/** A forwarded article can be huge; the case keeps its beginning, which says what it is. */
const MAX_CASE_TEXT = 10_000;
/** A picture or voice message this soon after the resident @-mentioned the bot is meant for the bot. */
const CALLED_TTL_S = 120;
/** Questions about the village's own rules are not personal: the article is quoted in the group. */
const RULES_QUESTION = /村规|民约|村里.{0,4}(规定|规矩)|村.{0,2}规定/;

/**
 * First sight of a message, in one round trip: whether it is new, the room's recent messages, whether the resident
 * just called the bot (WeChat cannot @ with a picture, so a photo right after a mention counts), and where the
 * resident lives (a private chat names no village). Only a new message is written into the room's context.
 * A script that Redis ran just before a crash is run again by ioredis after reconnecting: the token tells that
 * first attempt of ours from another delivery of the message.
 * KEYS: seen, context, called, residents. ARGV: token, seen TTL, kind (text | nontext | private), context entry,
 * context size, mentioned (1/0), called TTL, talker, village.
 * Returns [first (1/0), recent context entries newest first, called (1/0), home village or false].
 */
const FIRST_SIGHT_LUA = `
local first = redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX')
if not first and redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0, {}, 0, false} end
local kind = ARGV[3]
if kind == 'private' then return {1, {}, 0, redis.call('HGET', KEYS[4], ARGV[8])} end
local size = tonumber(ARGV[5])
local recent = redis.call('LRANGE', KEYS[2], 0, size - 1)
local called = 0
if kind == 'text' then
  redis.call('LPUSH', KEYS[2], ARGV[4])
  redis.call('LTRIM', KEYS[2], 0, size - 1)
  if ARGV[6] == '1' then redis.call('SET', KEYS[3], '1', 'EX', ARGV[7]) end
elseif redis.call('GETDEL', KEYS[3]) then
  called = 1
end
redis.call('HSET', KEYS[4], ARGV[8], ARGV[9])
return {1, recent, called, false}
`;

interface BotRedis extends Redis {
  cunbotFirstSight(
    ...args: Array<string | number>
  ): Promise<[first: number, recent: string[], called: number, home: string | null]>;
}

function withScripts(redis: Redis): BotRedis {
  const r = redis as BotRedis;
  if (typeof r.cunbotFirstSight !== 'function')
    redis.defineCommand('cunbotFirstSight', { numberOfKeys: 4, lua: FIRST_SIGHT_LUA });
  return r;
}

/**
 * Decides what the bot does with one message: ignore it, stay silent, answer, or take it in as a case (number
 * allocated at once so the instant reply can quote it, job queued for the workers, replies queued outbound).
 */
export class MessageHandler {
  private readonly unknownRooms = new Set<string>();
  private inFlight = 0;
  private tokens = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly handledWaiters = new Map<string, (o: Outcome) => void>();

  private readonly redis: BotRedis;

  constructor(private readonly deps: HandlerDeps) {
    this.redis = withScripts(deps.redis);
  }

  private key = (...parts: string[]) => [this.deps.prefix, 'bot', ...parts].join(':');

  /** Resolves when no message is being handled (for `simulate`, tests and a clean shutdown). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves with what the bot did once the message with this id has been handled (register before sending). */
  whenHandled(id: string): Promise<Outcome> {
    return new Promise((resolve) => this.handledWaiters.set(id, resolve));
  }

  async handle(msg: Incoming): Promise<Outcome> {
    this.inFlight += 1;
    let outcome: Outcome = { action: 'ignored', reason: 'error' };
    try {
      outcome = await this.decide(msg);
      return outcome;
    } catch (err) {
      log.error({ err, room: msg.room, id: msg.id }, 'message handling failed');
      return outcome;
    } finally {
      const waiter = this.handledWaiters.get(msg.id);
      if (waiter) {
        this.handledWaiters.delete(msg.id);
        waiter(outcome);
      }
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async decide(incoming: Incoming): Promise<Outcome> {
    let msg = incoming;
    const { policy } = this.deps;
    if (msg.kind === 'system' || (msg.room === null && msg.text.includes(THROTTLE_NOTICE) && msg.kind !== 'text')) {
      if (msg.text.includes(THROTTLE_NOTICE)) {
        log.warn('WeChat says we send too fast; outbound queue backs off');
        this.deps.onThrottled?.();
      }
      return { action: 'ignored', reason: 'system' };
    }
    if (Date.now() - msg.at.getTime() > policy.backlogMs) return { action: 'ignored', reason: 'backlog' };
    if (policy.botNames.includes(msg.from)) return { action: 'ignored', reason: 'bot' };

    let village: RoutedVillage | undefined;
    if (msg.room !== null) {
      village = villageForRoom(this.deps.villages, msg.room);
      if (!village) {
        if (!this.unknownRooms.has(msg.room)) {
          this.unknownRooms.add(msg.room);
          log.info({ room: msg.room }, 'room belongs to no village; ignoring it');
        }
        return { action: 'ignored', reason: 'unknown room' };
      }
    }

    const seenKey = this.key('seen', msg.room === null ? 'p' : (village?.village.id ?? ''), msg.id);
    const token = `${process.pid}.${(this.tokens++).toString(36)}`;
    const here = village?.village.id ?? '';
    const [first, recent, called, home] = await this.redis.cunbotFirstSight(
      seenKey,
      this.key('ctx', here, msg.room ?? ''),
      this.key('called', here, msg.from),
      this.key('residents'),
      token,
      SEEN_TTL_S,
      village ? (msg.kind === 'text' ? 'text' : 'nontext') : 'private',
      JSON.stringify({ at: msg.at.toISOString(), from: msg.from, text: msg.text.slice(0, 300) }),
      CONTEXT_SIZE,
      msg.mentioned ? 1 : 0,
      CALLED_TTL_S,
      msg.from,
      here,
    );
    if (first !== 1) return { action: 'ignored', reason: 'duplicate' };
    const context = recent.map((s) => JSON.parse(s) as IntakeJob['context'][number]).reverse();
    if (!village) {
      village =
        this.deps.villages.find((v) => v.village.id === home) ??
        (this.deps.villages.length === 1 ? this.deps.villages[0] : undefined);
    }
    if (msg.kind === 'nontext' && msg.room !== null && called === 1) msg = { ...msg, mentioned: true };

    try {
      if (msg.room === null) return await this.privateMessage(msg, village);
      if (!village) return { action: 'ignored', reason: 'unknown room' };
      return await this.groupMessage(msg, village, context);
    } catch (err) {
      // Not handled after all: forget having seen it, so WeChat delivering it again gets a second chance.
      await this.deps.redis.del(seenKey).catch(() => {});
      throw err;
    }
  }

  private async groupMessage(msg: Incoming, v: RoutedVillage, context: IntakeJob['context']): Promise<Outcome> {
    const room = msg.room ?? '';
    if (msg.kind === 'nontext') {
      if (!msg.mentioned) return { action: 'ignored', reason: 'non-text' };
      return this.say(msg, v, 'nontext_hint', this.deps.templates.render('nontext_hint', {}));
    }
    const u = understand(msg.text, {
      mentioned: msg.mentioned,
      botName: v.village.botName ?? this.deps.policy.botName,
    });
    const actionable = u.urgent || (u.intent !== 'other' && u.wouldReply);
    // A question about the village's own rules is not personal: the article is quoted in the group.
    const article =
      !u.urgent && u.wouldReply && u.intent !== 'dispute_report' && RULES_QUESTION.test(u.normalized)
        ? rankArticles(v.rules, u.normalized, 1)[0]
        : undefined;
    if (!actionable) {
      if (!u.wouldReply) return { action: 'silent', intent: u.intent };
      if (article)
        return this.say(msg, v, 'rules_answer', this.deps.templates.render('rules_answer', quote(v, article)));
      return this.say(
        msg,
        v,
        'help',
        this.deps.templates.render('help', { bot: this.deps.policy.botName, village: v.village.name }),
      );
    }

    const { id: caseId, number } = await this.deps.store.allocate(v.prefix, sourceKey(v, msg), msg.at);
    const t = this.deps.templates;
    const decision = route(v.village, v.routing, { ...u, text: u.normalized });
    const due = formatDue(dueAt(msg.at, decision.slaKind, v.village.sla), this.deps.policy.timeZone);
    const group = (text: string): OutboundInput => ({
      to: { kind: 'room', topic: room, mention: msg.from },
      text,
      urgent: u.urgent,
      village: v.village.id,
    });
    const dm = (name: string, text: string): OutboundInput => ({
      to: { kind: 'contact', name },
      text,
      urgent: u.urgent,
      village: v.village.id,
    });
    const out: OutboundInput[] = [];
    if (u.urgent) {
      const duty = dutyMember(v.village, u.intent === 'dispute_report' ? 'mediation' : 'security');
      const numbers = (u.emergency?.numbers ?? ['110', '120']).join('/');
      out.push(
        group(
          t.render('urgent_group', { numbers, duty: duty.name, dutyRole: duty.role, dutyPhone: duty.phone, number }),
        ),
      );
      out.push(
        dm(
          wechatName(duty),
          t.render('urgent_alert', {
            village: v.village.name,
            place: room,
            name: msg.from,
            text: msg.text.slice(0, 500),
            number,
            numbers,
          }),
        ),
      );
    } else if (article) {
      const accepted = t.render('accepted', { number, owner: ownerText(decision.owner), due });
      out.push(group(`${t.render('rules_answer', quote(v, article))}\n${accepted}`));
    } else if (u.intent === 'legal_question') {
      out.push(group(t.render('legal_group', { number })));
      out.push(dm(msg.from, this.legalPrivate(v, u, number, due)));
    } else if (u.intent === 'dispute_report') {
      out.push(group(t.render('dispute_group', { number })));
      out.push(dm(msg.from, this.disputePrivate(v, u, number, due)));
    } else {
      out.push(group(t.render('accepted', { number, owner: ownerText(decision.owner), due })));
    }

    // At night the group hears nothing but emergencies; the case and the private hand-off go ahead.
    const quiet = !u.urgent && inQuietHours(msg.at, this.deps.policy);
    const replies = quiet ? out.filter((o) => o.to.kind === 'contact') : out;
    await Promise.all([
      enqueueIntake(this.deps.intake, this.job(msg, v, u, context, false, replies)),
      this.send(msg, v, replies, caseId),
    ]);
    return { action: 'case', number, intent: u.intent, urgent: u.urgent, joined: false };
  }

  private async privateMessage(msg: Incoming, v: RoutedVillage | undefined): Promise<Outcome> {
    const t = this.deps.templates;
    if (!v) {
      const text = t.render('unknown_village', { bot: this.deps.policy.botName });
      await this.send(msg, undefined, [{ to: { kind: 'contact', name: msg.from }, text }]);
      return { action: 'replied', kind: 'unknown_village' };
    }
    if (msg.kind === 'nontext') return this.say(msg, v, 'nontext_hint', t.render('nontext_hint', {}));
    const u = understand(msg.text, { mentioned: true, botName: v.village.botName ?? this.deps.policy.botName });
    const residentKey = `${v.village.id}:${msg.from}`;
    const open = await this.deps.store.openCaseFor(residentKey);
    const dm = (text: string): OutboundInput => ({
      to: { kind: 'contact', name: msg.from },
      text,
      urgent: u.urgent,
      village: v.village.id,
    });
    if (open) {
      const owner = open.owner ? ownerText(open.owner) : v.village.name;
      const replies = [dm(t.render('followup_joined', { number: open.number, owner }))];
      await Promise.all([
        enqueueIntake(this.deps.intake, this.job(msg, v, u, [], true, replies)),
        this.send(msg, v, replies, open.id),
      ]);
      return { action: 'case', number: open.number, intent: open.intent, urgent: u.urgent, joined: true };
    }
    if (!u.urgent && u.intent === 'other') {
      // "谢谢", "好的", "收到" after an answer, or a committee member acknowledging an alert, need no help text.
      if (u.normalized.length <= SHORT_CHAT || this.isStaff(v, msg.from)) return { action: 'silent', intent: u.intent };
      return this.say(msg, v, 'help', t.render('help', { bot: this.deps.policy.botName, village: v.village.name }));
    }
    const { id: caseId, number } = await this.deps.store.allocate(v.prefix, sourceKey(v, msg), msg.at);
    const decision = route(v.village, v.routing, { ...u, text: u.normalized });
    const due = formatDue(dueAt(msg.at, decision.slaKind, v.village.sla), this.deps.policy.timeZone);
    const replies: OutboundInput[] = [];
    if (u.urgent) {
      const duty = dutyMember(v.village, u.intent === 'dispute_report' ? 'mediation' : 'security');
      const numbers = (u.emergency?.numbers ?? ['110', '120']).join('/');
      replies.push(
        dm(t.render('urgent_group', { numbers, duty: duty.name, dutyRole: duty.role, dutyPhone: duty.phone, number })),
      );
      replies.push({
        ...dm(
          t.render('urgent_alert', {
            village: v.village.name,
            place: '私聊',
            name: msg.from,
            text: msg.text.slice(0, 500),
            number,
            numbers,
          }),
        ),
        to: { kind: 'contact', name: wechatName(duty) },
      });
    } else if (u.intent === 'legal_question') replies.push(dm(this.legalPrivate(v, u, number, due)));
    else if (u.intent === 'dispute_report') replies.push(dm(this.disputePrivate(v, u, number, due)));
    else replies.push(dm(t.render('accepted', { number, owner: ownerText(decision.owner), due })));
    await Promise.all([
      enqueueIntake(this.deps.intake, this.job(msg, v, u, [], false, replies)),
      this.send(msg, v, replies, caseId),
    ]);
    return { action: 'case', number, intent: u.intent, urgent: u.urgent, joined: false };
  }

  private isStaff(v: RoutedVillage, name: string): boolean {
    return [...v.village.committee.members, ...v.village.legalAdvisors].some(
      (p) => p.name === name || wechatName(p) === name,
    );
  }

  private legalPrivate(v: RoutedVillage, u: Understanding, number: string, due: string): string {
    const advisor = advisorFor(v.village, u.topics);
    const article = rankArticles(v.rules, u.normalized, 1)[0];
    return this.deps.templates.render('legal_private', {
      number,
      advisor: advisor.name,
      phone: advisor.phone,
      hours: advisor.hours ?? '',
      office: advisor.office ?? '',
      due,
      excerpt: article ? this.deps.templates.render('rules_excerpt', quote(v, article)) : '',
    });
  }

  private disputePrivate(v: RoutedVillage, u: Understanding, number: string, due: string): string {
    const mediator = dutyMember(v.village, 'mediation');
    const advisor = advisorFor(v.village, u.topics);
    return this.deps.templates.render('dispute_private', {
      number,
      mediator: mediator.name,
      mediatorRole: mediator.role,
      mediatorPhone: mediator.phone,
      advisor: advisor.name,
      phone: advisor.phone,
      hours: advisor.hours ?? '',
      due,
    });
  }

  private job(
    msg: Incoming,
    v: RoutedVillage,
    u: Understanding,
    context: IntakeJob['context'],
    joinOpenCase: boolean,
    replies: OutboundInput[],
  ): IntakeJob {
    return {
      sourceKey: sourceKey(v, msg),
      messageId: msg.id,
      village: v.village.id,
      room: msg.room,
      channel: msg.room === null ? 'private' : 'group',
      resident: { key: `${v.village.id}:${msg.from}`, name: msg.from },
      intent: u.intent,
      confidence: u.confidence,
      topics: u.topics,
      urgent: u.urgent,
      text: msg.text.length > MAX_CASE_TEXT ? `${msg.text.slice(0, MAX_CASE_TEXT)}…（后文略）` : msg.text,
      receivedAt: msg.at.toISOString(),
      context,
      joinOpenCase,
      botReplies: replies.map((r) => r.text),
    };
  }

  /**
   * A reply that opens no case (help, a hint): it waits out the cooldowns, so a resident poking the bot, or a busy
   * group, does not get a stream of them; at night the group hears nothing.
   */
  private async say(msg: Incoming, v: RoutedVillage, kind: string, text: string): Promise<Outcome> {
    const { policy, redis } = this.deps;
    if (msg.room !== null && inQuietHours(msg.at, policy)) return { action: 'silent', intent: 'quiet hours' };
    const residentKey = this.key('cool', 'r', v.village.id, msg.from);
    const roomKey = this.key('cool', 'room', v.village.id, msg.room ?? `p:${msg.from}`);
    if (policy.residentCooldownMs > 0 || policy.roomCooldownMs > 0) {
      const [r, g] = await Promise.all([
        policy.residentCooldownMs > 0 ? redis.set(residentKey, '1', 'PX', policy.residentCooldownMs, 'NX') : 'OK',
        policy.roomCooldownMs > 0 && msg.room !== null
          ? redis.set(roomKey, '1', 'PX', policy.roomCooldownMs, 'NX')
          : 'OK',
      ]);
      if (r !== 'OK' || g !== 'OK') return { action: 'silent', intent: 'cooldown' };
    }
    const to: OutboundInput['to'] =
      msg.room === null ? { kind: 'contact', name: msg.from } : { kind: 'room', topic: msg.room, mention: msg.from };
    await this.send(msg, v, [{ to, text, village: v.village.id }]);
    return { action: 'replied', kind };
  }

  /** Queues replies; with the case they belong to, a reply that finally cannot be sent is written on it. */
  private async send(msg: Incoming, v: RoutedVillage | undefined, replies: OutboundInput[], caseId?: string) {
    const base = `${v?.village.id ?? '-'}|${msg.room ?? 'p'}|${msg.id}`;
    await Promise.all(
      replies.map((r, i) => this.deps.outbox.send(caseId ? { ...r, caseId } : r, jobIdFor('r', `${base}|${i}`))),
    );
  }
}

function sourceKey(v: RoutedVillage, msg: Incoming): string {
  return `${v.village.id}|${msg.room ?? 'p'}|${msg.id}`;
}

function quote(v: RoutedVillage, article: { label: string; text: string }) {
  const title = v.rules.title || `${v.village.name}村规民约`;
  return { rulesTitle: title.replace(/^《|》$/g, ''), article: article.label, articleText: article.text };
}

/**
 * The name the bot finds a committee member by in WeChat: `wechatName` in village.json when their WeChat name is not
 * their real one (the alert must reach them), else the name.
 */
function wechatName(person: { name: string; wechatName?: unknown }): string {
  return typeof person.wechatName === 'string' && person.wechatName.trim() ? person.wechatName.trim() : person.name;
}

function ownerText(owner: { role: string; name: string }): string {
  return `${owner.role.split(/[、，,]/).at(-1) ?? owner.role}${owner.name}`;
}
