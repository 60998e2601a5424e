import type { RoutedVillage } from '../cases/routing.js';
import type { Templates } from '../cases/templates.js';
import type { Understanding } from '../nlu/types.js';
import { hotlineText } from '../villages/hotlines.js';
import { wechatNameOf } from '../villages/schema.js';
import { type Destination, dutyFor, emergencyNumbers } from './replies.js';

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
): Array<{ to: Destination; text: string }> {
  const duty = dutyFor(v, u);
  const privately: Destination = { kind: 'contact', name: msg.from };
  const replies: Array<{ to: Destination; text: string }> = [];
  if (msg.room !== null) {
    replies.push({ to: { kind: 'room', topic: msg.room, mention: msg.from }, text: t.render('private_notice', {}) });
  }
  replies.push(
    {
      to: privately,
      text: t.render('sensitive_private', {
        number,
        hotlines: hotlineText(v.hotlines ?? {}, hotlineKinds) || '12348（公共法律服务热线）',
        duty: duty.name,
        dutyRole: duty.role.split(/[、，,]/).at(-1) ?? duty.role,
        dutyPhone: duty.phone,
      }),
    },
    {
      to: { kind: 'contact', name: wechatNameOf(duty) },
      text: t.render('urgent_alert', {
        village: v.village.name,
        place,
        name,
        text: msg.text.slice(0, 500),
        number,
        numbers: emergencyNumbers(u),
      }),
    },
  );
  return replies;
}
