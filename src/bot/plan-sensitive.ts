import type { RoutedVillage } from '../cases/routing.js';
import type { Templates } from '../cases/templates.js';
import type { Understanding } from '../nlu/types.js';
import { hotlineText } from '../villages/hotlines.js';
import { alertChain, committeePhone, type Destination, dutyFor, type Reply } from './replies.js';

/**
 * A sensitive matter, from the group or in private: the group hears only that the bot wrote privately; the resident
 * privately gets 110/120, the help lines for the matter and who will call; the member on duty gets the alert.
 */
export function sensitiveReplies(
  t: Templates,
  v: RoutedVillage,
  u: Understanding,
  msg: { from: string; text: string; room: string | null },
  number: string,
  hotlineKinds: readonly string[],
  place: string,
  name: string,
): Reply[] {
  const duty = dutyFor(v, u);
  const privately: Destination = { kind: 'contact', name: msg.from };
  const replies: Reply[] = [];
  if (msg.room !== null) {
    replies.push({ to: { kind: 'room', topic: msg.room, mention: msg.from }, text: t.render('private_notice', {}) });
  }
  replies.push(
    {
      to: privately,
      text: t.render('sensitive_private', {
        number,
        hotlines: hotlineText(v.hotlines ?? {}, hotlineKinds) || '12348（公共法律服务热线）',
        phone: committeePhone(v, duty.phone),
      }),
    },
    alertChain(t, v, u, { from: name, text: msg.text }, number, privately, place),
  );
  return replies;
}
