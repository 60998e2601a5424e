import { type RouteDecision, type RoutedVillage, route } from '../cases/routing.js';
import type { Case } from '../cases/schema.js';
import { dueAt, formatDue } from '../cases/sla.js';
import type { Templates } from '../cases/templates.js';
import type { Intent, Understanding } from '../nlu/types.js';
import type { IntakeJob } from '../queue/intake.js';
import type { OutboundInput } from '../queue/outbound.js';
import { rankArticles } from '../rules/excerpt.js';
import { villageForRoom } from '../villages/load.js';
import { wechatNameOf } from '../villages/schema.js';
import { type BotPolicy, inQuietHours } from './policy.js';
import { type Destination, disputePrivate, legalPrivate, ownerText, quote, urgentReplies } from './replies.js';

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

/** WeChat's answer to a sender that is too fast, delivered as an incoming system message. */
export const THROTTLE_NOTICE = '发送消息过于频繁';

/** Why a message gets no look at all. */
export type IgnoreReason = 'system' | 'backlog' | 'bot' | 'unknown room' | 'duplicate' | 'non-text' | 'error';
/** Why the bot, having read a message, says nothing. */
export type SilenceReason = 'not addressed' | 'chit-chat' | 'staff' | 'quiet hours' | 'cooldown' | 'case limit';

/** A reply that opens no case. */
export type ReplyKind = 'help' | 'nontext_hint' | 'rules_answer' | 'unknown_village' | 'case_limit';

/** What the bot does with a message; the shell (handler.ts) carries it out. */
export type Plan =
  | { action: 'ignore'; reason: IgnoreReason; throttled?: boolean }
  | { action: 'silent'; reason: SilenceReason }
  /** `cooldown`: the reply waits out the resident's and the room's cooldowns (a hint, the help text). */
  | { action: 'reply'; kind: ReplyKind; replies: OutboundInput[]; cooldown: boolean }
  /** A follow-up in private joins the resident's open case. */
  | { action: 'join'; case: Pick<Case, 'id' | 'number' | 'intent'>; urgent: boolean; replies: OutboundInput[] }
  /**
   * A new case: its number is taken from the store first, then `replies(number)` says what the bot answers (at
   * night only what goes privately), and the intake job carries the message to the workers.
   */
  | {
      action: 'open';
      intent: Intent;
      urgent: boolean;
      route: RouteDecision;
      due: Date;
      replies: (number: string) => OutboundInput[];
    };

/** How many earlier group messages a case keeps as its context. */
export const CONTEXT_SIZE = 5;
/** Private chit-chat this short ("谢谢", "好的") gets no help text. */
const SHORT_CHAT = 8;
/** A forwarded article can be huge; the case keeps its beginning, which says what it is. */
const MAX_CASE_TEXT = 10_000;
/** Questions about the village's own rules are not personal: the article is quoted in the group. */
const RULES_QUESTION = /村规|民约|村里.{0,4}(规定|规矩)|村.{0,2}规定/;

/**
 * The look before any Redis: WeChat's own notices (the throttle warning among them), replayed history after a
 * reconnect, other bots, rooms of no village. Otherwise the message's village (undefined for a private chat: the
 * resident's home village is read from Redis).
 */
export function screen(
  msg: Incoming,
  villages: readonly RoutedVillage[],
  policy: BotPolicy,
  now: Date,
): Extract<Plan, { action: 'ignore' }> | { village: RoutedVillage | undefined } {
  if (msg.kind === 'system' || (msg.room === null && msg.text.includes(THROTTLE_NOTICE) && msg.kind !== 'text')) {
    return { action: 'ignore', reason: 'system', throttled: msg.text.includes(THROTTLE_NOTICE) };
  }
  if (now.getTime() - msg.at.getTime() > policy.backlogMs) return { action: 'ignore', reason: 'backlog' };
  if (policy.botNames.includes(msg.from)) return { action: 'ignore', reason: 'bot' };
  if (msg.room === null) return { village: undefined };
  const village = villageForRoom(villages, msg.room);
  return village ? { village } : { action: 'ignore', reason: 'unknown room' };
}

/** A private chat names no village: the resident's home (where they last spoke in a group), or the only village. */
export function homeVillage(villages: readonly RoutedVillage[], home: string | null): RoutedVillage | undefined {
  return villages.find((v) => v.village.id === home) ?? (villages.length === 1 ? villages[0] : undefined);
}

/** Everything the decision depends on. `understanding` is null for a picture, voice or file. */
export interface PlanInput {
  msg: Incoming;
  village: RoutedVillage | undefined;
  understanding: Understanding | null;
  /** The resident's open case (private chats only). */
  openCase: Pick<Case, 'id' | 'number' | 'intent' | 'owner'> | null;
  policy: BotPolicy;
  templates: Templates;
}

const isStaff = (v: RoutedVillage, name: string) =>
  [...v.village.committee.members, ...v.village.legalAdvisors].some((p) => p.name === name || wechatNameOf(p) === name);

/** What the bot does with a message it has not seen before: a pure function of the message and its world. */
export function plan(input: PlanInput): Plan {
  const { msg, village: v, understanding: u, policy, templates: t } = input;
  const toResident: Destination =
    msg.room === null ? { kind: 'contact', name: msg.from } : { kind: 'room', topic: msg.room, mention: msg.from };
  const reply = (kind: ReplyKind, text: string, cooldown = true): Plan => {
    // At night the group hears nothing but emergencies.
    if (cooldown && msg.room !== null && inQuietHours(msg.at, policy))
      return { action: 'silent', reason: 'quiet hours' };
    return {
      action: 'reply',
      kind,
      cooldown,
      replies: [{ to: toResident, text, ...(v ? { village: v.village.id } : {}) }],
    };
  };
  const help = (village: RoutedVillage) =>
    reply('help', t.render('help', { bot: policy.botName, village: village.village.name }));

  if (!v) return reply('unknown_village', t.render('unknown_village', { bot: policy.botName }), false);
  if (!u) {
    if (msg.room !== null && !msg.mentioned) return { action: 'ignore', reason: 'non-text' };
    return reply('nontext_hint', t.render('nontext_hint', {}));
  }
  const out = (to: Destination, text: string): OutboundInput => ({ to, text, urgent: u.urgent, village: v.village.id });

  if (msg.room === null) {
    if (input.openCase) {
      const open = input.openCase;
      const owner = open.owner ? ownerText(open.owner) : v.village.name;
      return {
        action: 'join',
        case: open,
        urgent: u.urgent,
        replies: [out(toResident, t.render('followup_joined', { number: open.number, owner }))],
      };
    }
    if (!u.urgent && u.intent === 'other') {
      // "谢谢", "好的", "收到" after an answer, or a committee member acknowledging an alert, need no help text.
      if (u.normalized.length <= SHORT_CHAT) return { action: 'silent', reason: 'chit-chat' };
      if (isStaff(v, msg.from)) return { action: 'silent', reason: 'staff' };
      return help(v);
    }
  }

  const actionable = msg.room === null || u.urgent || (u.intent !== 'other' && u.wouldReply);
  // A question about the village's own rules is not personal: the article is quoted in the group.
  const article =
    msg.room !== null && !u.urgent && u.wouldReply && u.intent !== 'dispute_report' && RULES_QUESTION.test(u.normalized)
      ? rankArticles(v.rules, u.normalized, 1)[0]
      : undefined;
  if (!actionable) {
    if (!u.wouldReply) return { action: 'silent', reason: 'not addressed' };
    if (article) return reply('rules_answer', t.render('rules_answer', quote(v, article)));
    return help(v);
  }

  const decision = route(v.village, v.routing, { ...u, text: u.normalized });
  const due = dueAt(msg.at, decision.slaKind, v.village.sla);
  const dueText = formatDue(due, policy.timeZone);
  const privately: Destination = { kind: 'contact', name: msg.from };
  const quiet = msg.room !== null && !u.urgent && inQuietHours(msg.at, policy);
  const replies = (number: string): OutboundInput[] => {
    const accepted = () => t.render('accepted', { number, owner: ownerText(decision.owner), due: dueText });
    let all: OutboundInput[];
    if (u.urgent) {
      all = urgentReplies(t, v, u, msg, number, toResident, msg.room ?? '私聊').map((r) => out(r.to, r.text));
    } else if (article) {
      all = [out(toResident, `${t.render('rules_answer', quote(v, article))}\n${accepted()}`)];
    } else if (u.intent === 'legal_question') {
      const text = legalPrivate(t, v, u, number, dueText);
      all =
        msg.room === null
          ? [out(privately, text)]
          : [out(toResident, t.render('legal_group', { number })), out(privately, text)];
    } else if (u.intent === 'dispute_report') {
      const text = disputePrivate(t, v, u, number, dueText);
      all =
        msg.room === null
          ? [out(privately, text)]
          : [out(toResident, t.render('dispute_group', { number })), out(privately, text)];
    } else {
      all = [out(toResident, accepted())];
    }
    // At night the group hears nothing but emergencies; the case and the private hand-off go ahead.
    return quiet ? all.filter((o) => o.to.kind === 'contact') : all;
  };
  return { action: 'open', intent: u.intent, urgent: u.urgent, route: decision, due, replies };
}

/** The message key a case and its replies are known by: village, room (or private) and WeChat message id. */
export const sourceKey = (v: RoutedVillage, msg: Pick<Incoming, 'room' | 'id'>): string =>
  `${v.village.id}|${msg.room ?? 'p'}|${msg.id}`;

/** The intake job for a message the plan takes in as a case (new or joined). */
export function intakeJob(
  msg: Incoming,
  v: RoutedVillage,
  u: Understanding,
  context: IntakeJob['context'],
  joinOpenCase: boolean,
  replies: readonly OutboundInput[],
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
    context: [...context],
    joinOpenCase,
    botReplies: replies.map((r) => r.text),
  };
}
