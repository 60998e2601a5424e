import type { OutboundInput } from '../queue/outbound.js';
import type { TownshipContact, Village } from '../villages/schema.js';
import { wechatNameOf } from '../villages/schema.js';
import { PRIVATE_INTENTS } from './actions.js';
import type { Case, Owner } from './schema.js';
import type { SlaStep } from './sla.js';
import { formatDue } from './sla.js';
import type { Templates } from './templates.js';

/** How much of the resident's words a notice to staff quotes. */
const QUOTE_CHARS = 40;

const quoteOf = (c: Case) => {
  const text = c.text.replace(/@\S+\s*/g, '').trim();
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
};

/** The WeChat name the bot reaches an owner by: their `wechatName` in village.json, else their name. */
export function wechatNameOfOwner(v: Village, owner: Pick<Owner, 'name'>): string {
  const people = [...v.committee.members, ...v.legalAdvisors, ...(v.townshipContacts ?? [])];
  const person = people.find((p) => p.name === owner.name);
  return person ? wechatNameOf(person) : owner.name;
}

/** The township contact who takes a case of this intent: the first that lists it, or that lists nothing. */
export function townshipContactFor(v: Village, c: Pick<Case, 'intent'>): TownshipContact | undefined {
  return (v.townshipContacts ?? []).find((t) => t.handles === undefined || t.handles.includes(c.intent));
}

export const townshipOwner = (t: TownshipContact): Owner => ({
  name: t.name,
  role: t.role,
  phone: t.phone,
  kind: 'township',
});

/** Whether what is said to the resident about a case goes privately (personal matters, private chats). */
export const isPersonal = (c: Pick<Case, 'channel' | 'intent' | 'room'>): boolean =>
  c.channel === 'private' || PRIVATE_INTENTS.includes(c.intent) || !c.room;

/** A message to the resident of a case: privately for personal matters, else @name in the group it came from. */
export function toResident(c: Case, text: string): OutboundInput {
  const to = isPersonal(c)
    ? { kind: 'contact' as const, name: c.resident.name }
    : { kind: 'room' as const, topic: c.room ?? '', mention: c.resident.name };
  return { to, text, village: c.village, caseId: c.id, urgent: c.urgent, record: true };
}

/** A notice to a person about a case; once WeChat has it, it is on the case's timeline too. */
export const toPerson = (c: Case, name: string, text: string): OutboundInput => ({
  to: { kind: 'contact', name },
  text,
  village: c.village,
  caseId: c.id,
  urgent: c.urgent,
  record: true,
});

/**
 * Who hears of an SLA step that fired on `after` (`before` is the case as it was): the owner at the reminder and
 * when overdue; at escalation the township contact now holding it (with the referral) and the resident.
 */
export function slaNotices(
  before: Case,
  after: Case,
  step: SlaStep,
  v: Village,
  t: Templates,
  timeZone: string,
): OutboundInput[] {
  const vars = {
    number: after.number,
    resident: after.resident.name,
    text: quoteOf(after),
    due: formatDue(new Date(after.dueAt), timeZone),
  };
  if (step !== 'escalate') {
    if (!after.owner) return [];
    // Once escalated the township holds the case: "否则将上报镇里" would threaten them with themselves.
    const overdue = after.status === 'escalated' ? 'sla_overdue_escalated' : 'sla_overdue';
    const kind = step === 'reminder' ? 'sla_reminder' : overdue;
    return [toPerson(after, wechatNameOfOwner(v, after.owner), t.render(kind, vars))];
  }
  const now = after.owner;
  const moved = now?.kind === 'township' && now.name !== before.owner?.name;
  const contact = moved ? `${now.role}${now.name}` : '镇里';
  const out: OutboundInput[] = [];
  if (moved) {
    const from = before.owner ? `${before.owner.role}${before.owner.name}` : '未分派';
    const referral = t.render('escalation_referral', { ...vars, village: v.name, from });
    out.push(toPerson(after, wechatNameOfOwner(v, now), referral));
  }
  out.push(toResident(after, t.render('escalated_resident', { number: after.number, contact })));
  return out;
}
