import { type RouteDecision, type RoutedVillage, route } from '../cases/routing.js';
import type { Case } from '../cases/schema.js';
import { dueAt, formatDue } from '../cases/sla.js';
import type { Templates } from '../cases/templates.js';
import { cleanDisplayText } from '../nlu/normalize.js';
import { sensitiveIntent } from '../nlu/sensitive.js';
import type { Intent, Understanding } from '../nlu/types.js';
import type { IntakeJob } from '../queue/intake.js';
import type { OutboundInput } from '../queue/outbound.js';
import { clearExcerpt, rankArticles } from '../rules/excerpt.js';
import { GuideIndex } from '../villages/guide-index.js';
import { villageForRoom } from '../villages/load.js';
import { wechatNameOf } from '../villages/schema.js';
import { quietEnds } from './morning.js';
import {
  type CaseLite,
  caseNumberIn,
  chooseCase,
  type FollowupChoice,
  gist,
  isShortChat,
  mayFollowUp,
  pointsAt,
} from './plan-followup.js';
import { sensitiveReplies } from './plan-sensitive.js';
import { caseAsked, isPersonal, isStatusQuestion, statusText } from './plan-status.js';
import { planSurvey, type SurveyPlan } from './plan-survey.js';
import { type CivicPlan, type CivicView, planCivic } from './plan-vote.js';
import { type BotPolicy, inQuietHours } from './policy.js';
import {
  type Destination,
  disputePrivate,
  legalPrivate,
  ownerText,
  quote,
  type Reply,
  urgentReplies,
} from './replies.js';

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
  /** The remark (备注) the bot has set on the talker, stable across re-logins and renames. */
  alias?: string | undefined;
  /** Sets that remark (the Wechaty adapter; absent where there is no contact to remark). */
  remark?: ((tag: string) => Promise<void>) | undefined;
}

/** WeChat's answer to a sender that is too fast, delivered as an incoming system message. */
export const THROTTLE_NOTICE = '发送消息过于频繁';

/** Why a message gets no look at all. */
export type IgnoreReason = 'system' | 'backlog' | 'bot' | 'unknown room' | 'duplicate' | 'non-text' | 'error';
/** Why the bot, having read a message, says nothing. */
export type SilenceReason = 'not addressed' | 'chit-chat' | 'staff' | 'quiet hours' | 'cooldown' | 'case limit';

/** A reply that opens no case. */
export type ReplyKind = 'help' | 'nontext_hint' | 'rules_answer' | 'unknown_village' | 'case_status' | 'case_limit';

/** What the bot does with a message; the shell (handler.ts) carries it out. */
export type Plan =
  | CivicPlan
  | { action: 'ignore'; reason: IgnoreReason; throttled?: boolean }
  | { action: 'silent'; reason: SilenceReason }
  /** `cooldown`: the reply waits out the resident's and the room's cooldowns (a hint, the help text). */
  | { action: 'reply'; kind: ReplyKind; replies: OutboundInput[]; cooldown: boolean }
  /** A follow-up in private joins one of the resident's cases (reopening it when answered or closed). */
  | { action: 'join'; case: CaseLite; urgent: boolean; sensitive: boolean; replies: OutboundInput[] }
  /** A follow-up that fits two cases: the bot asks which, and keeps the message until the answer. */
  | { action: 'ask'; case: CaseLite; replies: OutboundInput[] }
  /**
   * A new case: its number is taken from the store first, then `replies(number)` says what the bot answers (at
   * night only what goes privately), and the intake job carries the message to the workers.
   */
  | {
      action: 'open';
      intent: Intent;
      urgent: boolean;
      sensitive: boolean;
      route: RouteDecision;
      due: Date;
      replies: (number: string) => OutboundInput[];
      /** At night: what the group will hear when quiet hours end (`morning`), if staff have not answered by then. */
      heldBack: ((number: string) => OutboundInput[]) | null;
      morning: Date;
    }
  | SurveyPlan;

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

/** Everything the decision depends on. `understanding` is null for a picture, voice or file. */
export interface PlanInput {
  msg: Incoming;
  village: RoutedVillage | undefined;
  understanding: Understanding | null;
  /** The resident's recent cases, newest first (private chats, and status questions in a group). */
  cases: readonly CaseLite[];
  /** The resident's answer to the bot's "是补充 … 吗？": it decides instead of plan-followup. */
  choice?: FollowupChoice;
  /** The resident's closed case awaiting a 回访 answer, when the message could be one. */
  surveyCase?: Pick<Case, 'id' | 'number'> | null;
  policy: BotPolicy;
  templates: Templates;
  /** Binding, open consultations, proposals (plan-vote.ts). */
  civic?: CivicView | undefined;
}

const isStaff = (v: RoutedVillage, name: string) =>
  [...v.village.committee.members, ...v.village.legalAdvisors].some((p) => p.name === name || wechatNameOf(p) === name);

/** What the bot does with a message it has not seen before: a pure function of the message and its world. */
export function plan(input: PlanInput): Plan {
  const { msg, village: v, understanding: heard, policy, templates: t } = input;
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
  if (!heard) {
    if (msg.room !== null && !msg.mentioned) return { action: 'ignore', reason: 'non-text' };
    return reply('nontext_hint', t.render('nontext_hint', {}));
  }
  // Violence at home, self-harm, abuse: urgent whatever the classifier says, and private end to end.
  const sensitive = heard.sensitive;
  const u: Understanding = sensitive
    ? {
        ...heard,
        intent: sensitiveIntent(heard.intent, sensitive.kinds),
        urgent: true,
        emergency: heard.emergency ?? { kind: sensitive.kinds[0]!, numbers: ['110', '120'] },
      }
    : heard;
  const name = cleanDisplayText(msg.from);
  const place = msg.room ?? '私聊';
  const survey = planSurvey(msg.text, input.surveyCase, msg.room !== null && !msg.mentioned);
  if (survey) return survey;
  const civic = input.civic && planCivic(msg, u, input.civic);
  if (civic) return civic;
  const out = (to: Destination, text: string): OutboundInput => ({ to, text, urgent: u.urgent, village: v.village.id });

  // A number asked about by someone with no case of theirs gets "没有查到", not the help text.
  const asksStatus = input.cases.length > 0 || caseNumberIn(u.normalized) !== undefined;
  if (!u.urgent && asksStatus && isStatusQuestion(u.normalized)) {
    const asked = caseAsked(u, input.cases);
    const text = statusText(t, asked, policy.timeZone, msg.at);
    const replies =
      msg.room !== null && (!asked || isPersonal(asked))
        ? [out(toResident, t.render('private_notice', {})), out({ kind: 'contact', name: msg.from }, text)]
        : [out(toResident, text)];
    return { action: 'reply', kind: 'case_status', cooldown: false, replies };
  }

  // In a group only a clear follow-up meant for the bot joins the writer's case ("路灯还是没人来修"): 还是 and 还没
  // run through everyday talk.
  const groupFollowUp =
    msg.room !== null && !u.urgent && u.wouldReply && input.cases.length > 0 && mayFollowUp(u.normalized);
  // At night the group hears nothing but emergencies: what the bot says of a follow-up goes privately.
  const night = msg.room !== null && inQuietHours(msg.at, policy);
  if (msg.room === null || groupFollowUp) {
    const choice = input.choice ?? chooseCase(u, input.cases, msg.at);
    if (choice.kind === 'ask' && msg.room === null) {
      const c = choice.case;
      return {
        action: 'ask',
        case: c,
        replies: [out(toResident, t.render('followup_ask', { number: c.number, gist: gist(c) }))],
      };
    }
    if (choice.kind === 'join' && (msg.room === null || pointsAt(u, choice.case))) {
      const c = choice.case;
      const owner = c.owner ? ownerText(c.owner) : v.village.name;
      // A personal case followed up in the group is answered privately; the group hears only that (by day).
      const hidden = msg.room !== null && isPersonal(c);
      const to: Destination = hidden || night ? { kind: 'contact', name: msg.from } : toResident;
      let texts: Reply[];
      if (sensitive) texts = sensitiveReplies(t, v, u, msg, c.number, sensitive.hotlines, place, name);
      else if (u.urgent) texts = urgentReplies(t, v, u, { from: name, text: msg.text }, c.number, toResident, place);
      else if (choice.reopen) {
        const window = Date.parse(c.dueAt ?? c.receivedAt) - Date.parse(c.receivedAt);
        const due = formatDue(new Date(msg.at.getTime() + window), policy.timeZone);
        texts = [{ to, text: t.render('reopened', { number: c.number, owner, due }) }];
      } else if (isShortChat(u)) texts = [];
      else texts = [{ to, text: t.render('followup_joined', { number: c.number, owner }) }];
      if (hidden && !night) texts.unshift({ to: toResident, text: t.render('private_notice', {}) });
      return {
        action: 'join',
        case: c,
        urgent: u.urgent,
        sensitive: sensitive !== undefined,
        replies: texts.map((r) => ({ ...r, ...out(r.to, r.text) })),
      };
    }
    if (msg.room === null && !u.urgent && u.intent === 'other') {
      // "谢谢", "好的", "收到" after an answer, or a committee member acknowledging an alert, need no help text.
      if (u.normalized.length <= SHORT_CHAT) return { action: 'silent', reason: 'chit-chat' };
      if (isStaff(v, msg.from)) return { action: 'silent', reason: 'staff' };
      return help(v);
    }
  }

  const actionable = msg.room === null || u.urgent || (u.intent !== 'other' && u.wouldReply);
  // A question about the village's own rules is not personal: the article is quoted in the group. Without the word
  // 村规 ("清明节上坟能烧纸吗") only a clear match is quoted.
  const asksRules = msg.room !== null && !u.urgent && u.wouldReply && u.intent !== 'dispute_report';
  const article = !asksRules
    ? undefined
    : RULES_QUESTION.test(u.normalized)
      ? rankArticles(v.rules, u.normalized, 1)[0]
      : u.intent === 'other'
        ? clearExcerpt(v.rules, u.normalized, u.scores.other)?.article
        : undefined;
  const guideItem =
    u.intent === 'service_request' && !u.urgent && v.guide ? guideIndexOf(v.guide).rank(u.normalized, 1)[0] : undefined;
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
  const everything = (number: string): OutboundInput[] => {
    const accepted = () => t.render('accepted', { number, owner: ownerText(decision.owner), due: dueText });
    let all: OutboundInput[];
    if (sensitive) {
      all = sensitiveReplies(t, v, u, msg, number, sensitive.hotlines, place, name).map((r) => ({
        ...r,
        ...out(r.to, r.text),
      }));
    } else if (u.urgent) {
      all = urgentReplies(t, v, u, { from: name, text: msg.text }, number, toResident, place).map((r) => ({
        ...r,
        ...out(r.to, r.text),
      }));
    } else if (guideItem) {
      all = [
        out(
          toResident,
          `${t.render('guide_answer', { item: guideItem.heading, text: guideItem.text })}\n${accepted()}`,
        ),
      ];
    } else if (article) {
      all = [out(toResident, `${t.render('rules_answer', quote(v, article))}\n${accepted()}`)];
    } else if (u.intent === 'legal_question' || u.intent === 'dispute_report') {
      // Personal: the details go privately, the group hears a neutral word.
      const legal = u.intent === 'legal_question';
      const text = (legal ? legalPrivate : disputePrivate)(t, v, u, number, dueText);
      const neutral = t.render(legal ? 'legal_group' : 'dispute_group', { number });
      all = msg.room === null ? [out(privately, text)] : [out(toResident, neutral), out(privately, text)];
    } else {
      all = [out(toResident, accepted())];
    }
    return all;
  };
  // At night the group hears nothing but emergencies; the case and the private hand-off go ahead, and the group
  // is answered in the morning.
  const replies = (n: string) => everything(n).filter((o) => !quiet || o.to.kind === 'contact');
  const heldBack = quiet ? (n: string) => everything(n).filter((o) => o.to.kind === 'room') : null;
  const morning = quietEnds(msg.at, policy);
  return {
    action: 'open',
    intent: u.intent,
    urgent: u.urgent,
    sensitive: sensitive !== undefined,
    route: decision,
    due,
    replies,
    heldBack,
    morning,
  };
}

const guideIndexes = new WeakMap<NonNullable<RoutedVillage['guide']>, GuideIndex>();
const guideIndexOf = (guide: NonNullable<RoutedVillage['guide']>): GuideIndex => {
  let index = guideIndexes.get(guide);
  if (!index) {
    index = new GuideIndex(guide);
    guideIndexes.set(guide, index);
  }
  return index;
};

/** The message key a case and its replies are known by: village, room (or private) and WeChat message id. */
export const sourceKey = (v: RoutedVillage, msg: Pick<Incoming, 'room' | 'id'>): string =>
  `${v.village.id}|${msg.room ?? 'p'}|${msg.id}`;

/** The intake job for a message the plan takes in as a case (new or joined). */
export function intakeJob(
  msg: Incoming,
  v: RoutedVillage,
  u: Understanding,
  context: IntakeJob['context'],
  join: { caseId: string } | null,
  replies: readonly OutboundInput[],
  sensitive = false,
  resident: IntakeJob['resident'] = { key: `${v.village.id}:${msg.from}`, name: msg.from },
): IntakeJob {
  return {
    sourceKey: sourceKey(v, msg),
    messageId: msg.id,
    village: v.village.id,
    room: msg.room,
    channel: msg.room === null ? 'private' : 'group',
    resident,
    intent: u.intent,
    confidence: u.confidence,
    topics: u.topics,
    urgent: u.urgent,
    text: msg.text.length > MAX_CASE_TEXT ? `${msg.text.slice(0, MAX_CASE_TEXT)}…（后文略）` : msg.text,
    receivedAt: msg.at.toISOString(),
    context: [...context],
    joinOpenCase: false,
    ...(join ? { joinCaseId: join.caseId } : {}),
    ...(sensitive ? { sensitive } : {}),
    botReplies: replies.map((r) => r.text),
  };
}
