import type { OutboundInput } from '../queue/outbound.js';
import { dutyMember } from '../villages/load.js';
import type { TownshipContact, Village } from '../villages/schema.js';
import { wechatNameOf } from '../villages/schema.js';
import { PRIVATE_INTENTS } from './actions.js';
import type { Case, Owner } from './schema.js';
import { mainTitle } from './signature.js';
import type { SlaStep } from './sla.js';
import { formatDue } from './sla.js';
import type { Templates } from './templates.js';

/** How much of the resident's words a notice to staff quotes. */
const QUOTE_CHARS = 40;

const cut = (text: string) => {
  const plain = text.replace(/@\S+\s*/g, '').trim();
  return plain.length > QUOTE_CHARS ? `${plain.slice(0, QUOTE_CHARS)}…` : plain;
};
// What the matter is, then the resident's latest words when they came later: after "头磕破了一直流血" joined a
// street-light case the owner must read both, and a chase ("到底有人来没有") must not hide what it is about.
const quoteOf = (c: Case) => {
  const latest = c.messages.length > 1 ? c.messages.at(-1)?.text : undefined;
  return latest && latest !== c.text ? `${cut(c.text)}；最新：${cut(latest)}` : cut(c.text);
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

/** Whether what is said to the resident about a case goes privately (personal or sensitive matters, private chats). */
export const isPersonal = (c: Pick<Case, 'channel' | 'intent' | 'room' | 'sensitive'>): boolean =>
  c.channel === 'private' || PRIVATE_INTENTS.includes(c.intent) || !c.room || c.sensitive === true;

/** A message to the resident of a case: privately for personal matters, else @name in the group it came from. */
export function toResident(c: Case, text: string): OutboundInput {
  const to = isPersonal(c)
    ? { kind: 'contact' as const, name: c.resident.name }
    : { kind: 'room' as const, topic: c.room ?? '', mention: c.resident.name };
  return { to, text, village: c.village, caseId: c.id, urgent: c.urgent, record: true };
}

/**
 * The bot's answer to something the resident just wrote about their case (`room`: where they wrote, null for a
 * private chat): back where it was written, so a private word is not answered in front of the group; a personal
 * matter is answered privately wherever it was written.
 */
export function toResidentIn(c: Case, room: string | null, text: string): OutboundInput {
  if (room === null || isPersonal(c)) return toResident({ ...c, room: null }, text);
  return { ...toResident(c, text), to: { kind: 'room', topic: room, mention: c.resident.name } };
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
 * when overdue; at escalation the township contact now holding it (with the referral) and the resident. With no
 * township contact for the matter nobody at the township hears of it, so nobody is promised it: the committee's
 * head (书记/主任) is asked to 督办 it, and the resident is told just that.
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
  const ownerText = (o: Owner | null) => (o ? `${o.role}${o.name}` : '未分派');
  if (step !== 'escalate') {
    if (!after.owner) return [];
    // Once escalated the township holds the case: "否则将上报镇里" would threaten them with themselves; with no
    // township contact for it, the threat would be empty.
    const overdue =
      after.status === 'escalated'
        ? 'sla_overdue_escalated'
        : townshipContactFor(v, after)
          ? 'sla_overdue'
          : 'sla_overdue_village';
    const kind = step === 'reminder' ? 'sla_reminder' : overdue;
    return [toPerson(after, wechatNameOfOwner(v, after.owner), t.render(kind, vars))];
  }
  const now = after.owner;
  if (now?.kind !== 'township') {
    const head = dutyMember(v, 'secretary', now?.name);
    const ask = t.render('escalation_head', { ...vars, village: v.name, owner: ownerText(now) });
    return [
      toPerson(after, wechatNameOfOwner(v, head), ask),
      toResident(
        after,
        t.render('escalated_village', { number: after.number, head: `${mainTitle(head.role)}${head.name}` }),
      ),
    ];
  }
  const out: OutboundInput[] = [];
  if (now.name !== before.owner?.name) {
    const referral = t.render('escalation_referral', { ...vars, village: v.name, from: ownerText(before.owner) });
    out.push(toPerson(after, wechatNameOfOwner(v, now), referral));
  }
  const contact = `${now.role}${now.name}`;
  out.push(toResident(after, t.render('escalated_resident', { number: after.number, contact })));
  return out;
}
