import type { RoutedVillage } from '../cases/routing.js';
import type { Owner } from '../cases/schema.js';
import type { Templates } from '../cases/templates.js';
import type { Understanding } from '../nlu/types.js';
import type { OutboundInput } from '../queue/outbound.js';
import { clearExcerpt } from '../rules/excerpt.js';
import type { RuleArticle } from '../rules/parse.js';
import { advisorFor, dutyMember } from '../villages/load.js';
import type { CommitteeMember } from '../villages/schema.js';
import { wechatNameOf } from '../villages/schema.js';

/** Where a reply goes: the message's room (with @name) or the resident privately. */
export type Destination = OutboundInput['to'];

/** An article quoted with its source, as the rules templates read it. */
export function quote(v: RoutedVillage, article: Pick<RuleArticle, 'label' | 'text'>) {
  const title = v.rules.title || `${v.village.name}村规民约`;
  // "1." and "一、" read badly inside a sentence ("第…：" reads "《…》1.："): the mark goes, the number stays.
  const label = article.label.replace(/[、.．]$/, '');
  return { rulesTitle: title.replace(/^《|》$/g, ''), article: label, articleText: article.text };
}

/** The owner as a resident reads them: the last part of the role and the name (治保调解主任杜建军). */
export function ownerText(owner: Pick<Owner, 'role' | 'name'>): string {
  return `${owner.role.split(/[、，,]/).at(-1) ?? owner.role}${owner.name}`;
}

/** The member on duty for an emergency: mediation for a fight, security for the rest. */
export function dutyFor(v: RoutedVillage, u: Pick<Understanding, 'intent'>) {
  return dutyMember(v.village, u.intent === 'dispute_report' ? 'mediation' : 'security');
}

/** The emergency numbers for the group message and the alert ("119", "110/120"). */
export const emergencyNumbers = (u: Pick<Understanding, 'emergency'>) =>
  (u.emergency?.numbers ?? ['110', '120']).join('/');

/** A reply with what waits on it (see OutboundJobSchema): the alert, and what the resident hears once it went. */
export type Reply = Pick<OutboundInput, 'to' | 'text' | 'afterSent' | 'fallback' | 'unreached'>;

/** The committee's duty phone (village.json `committee.dutyPhone`, else its office phone, else the member's). */
export function committeePhone(v: RoutedVillage, fallback: string): string {
  const c = v.village.committee as Record<string, unknown>;
  const phone = [c.dutyPhone, c.phone].find((p): p is string => typeof p === 'string' && p.length > 0);
  return phone ?? fallback;
}

/**
 * The alert to the member on duty, privately. Who was alerted is said to `resident` only once the alert was handed
 * to WeChat; when it cannot be, the next members are tried, and when nobody is reached the resident gets the
 * committee's duty phone.
 */
export function alertChain(
  t: Templates,
  v: RoutedVillage,
  u: Pick<Understanding, 'intent' | 'emergency'>,
  msg: { from: string; text: string },
  number: string,
  resident: Destination,
  place: string,
): Reply {
  const duty = dutyFor(v, u);
  const numbers = emergencyNumbers(u);
  const text = t.render('urgent_alert', {
    village: v.village.name,
    place,
    name: msg.from,
    text: msg.text.slice(0, 500),
    number,
    numbers,
  });
  const notified = (m: CommitteeMember) => [
    {
      to: resident,
      text: t.render('urgent_notified', { duty: m.name, dutyRole: m.role, dutyPhone: m.phone, number }),
    },
  ];
  const others = v.village.committee.members.filter((m) => m !== duty).slice(0, 2);
  return {
    to: { kind: 'contact', name: wechatNameOf(duty) },
    text,
    afterSent: notified(duty),
    fallback: others.map((m) => ({ to: { kind: 'contact', name: wechatNameOf(m) }, text, afterSent: notified(m) })),
    unreached: [{ to: resident, text: t.render('urgent_unreached', { phone: committeePhone(v, duty.phone), number }) }],
  };
}

/** An emergency: the numbers to call at once, to the resident; the alert chain to the member on duty. */
export function urgentReplies(
  t: Templates,
  v: RoutedVillage,
  u: Understanding,
  msg: { from: string; text: string },
  number: string,
  resident: Destination,
  place: string,
): Reply[] {
  return [
    { to: resident, text: t.render('urgent_first', { numbers: emergencyNumbers(u), number }) },
    alertChain(t, v, u, msg, number, resident, place),
  ];
}

/** Private: the legal advisor for the topic, and the best-matching article of the rules when there is one. */
export function legalPrivate(t: Templates, v: RoutedVillage, u: Understanding, number: string, due: string): string {
  const advisor = advisorFor(v.village, u.topics);
  // Quoted only when it clearly fits: a wage claim against an outside boss is not the neighbour-quarrel article.
  const article = clearExcerpt(v.rules, u.normalized, u.scores.other)?.article;
  return t.render('legal_private', {
    number,
    advisor: advisor.name,
    phone: advisor.phone,
    hours: advisor.hours ?? '',
    office: advisor.office ?? '',
    due,
    excerpt: article ? t.render('rules_excerpt', quote(v, article)) : '',
  });
}

/** Private: the mediator on duty, and the legal advisor for the topic. */
export function disputePrivate(t: Templates, v: RoutedVillage, u: Understanding, number: string, due: string): string {
  const mediator = dutyMember(v.village, 'mediation');
  const advisor = advisorFor(v.village, u.topics);
  return t.render('dispute_private', {
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
