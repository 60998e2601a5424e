import { PRIVATE_INTENTS } from '../cases/actions.js';
import { STATUS_ZH } from '../cases/lifecycle.js';
import { formatDue } from '../cases/sla.js';
import type { Templates } from '../cases/templates.js';
import type { Understanding } from '../nlu/types.js';
import { type CaseLite, caseNumberIn, gist, wordsShared } from './plan-followup.js';
import { ownerText } from './replies.js';

/** "我报的路灯怎么样了", "XH-1201-002 到哪一步了", "有人管吗": the resident asks where a case stands. */
const STATUS_CUE =
  /(怎么样了|咋样了|到哪一?步|到哪(儿)?了|什么进展|有进展|进度|处理得?(怎么样|如何)|有(结果|消息|回音|回复)了?吗|(办|修)(好|完)了?(没|吗)|还没(人)?(来|管|处理|回复)|有人管吗|有人(来|管|看见?)(了)?没有?)/;

/** A status question names a case number or asks with a status word; plain reports are not questions. */
export function isStatusQuestion(text: string): boolean {
  return STATUS_CUE.test(text) || (caseNumberIn(text) !== undefined && /[吗呢?？]|哪|怎么/.test(text));
}

const shared = (a: readonly string[], b: readonly string[]) => a.filter((t) => b.includes(t)).length;

/** The case asked about: the number named, else the one sharing the question's topic, else the newest. */
export function caseAsked(
  u: Pick<Understanding, 'normalized' | 'topics'>,
  cases: readonly CaseLite[],
): CaseLite | undefined {
  const named = caseNumberIn(u.normalized);
  if (named) return cases.find((c) => c.number === named);
  const newest = [...cases].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const onTopic = newest.filter((c) => shared(u.topics, c.topics) > 0);
  // Among cases of the topic asked about (or all, when none is), the one whose own words the question uses.
  const pool = onTopic.length > 0 ? onTopic : newest;
  let byWords: CaseLite | undefined;
  let most = 0;
  for (const c of pool) {
    const n = wordsShared(u.normalized, c);
    if (n > most) [byWords, most] = [c, n];
  }
  return byWords ?? onTopic[0] ?? newest[0];
}

/** Legal, dispute, sensitive, urgent or private-chat matters are told privately only. */
export const isPersonal = (c: CaseLite): boolean =>
  c.channel === 'private' || !c.room || PRIVATE_INTENTS.includes(c.intent) || c.sensitive === true || c.urgent;

/** What the bot says about a case: its status, who has it and by when, or that no such case of theirs exists. */
export function statusText(t: Templates, c: CaseLite | undefined, timeZone: string, now: Date): string {
  if (!c) return t.render('case_status_none', {});
  const open = c.status !== 'answered' && c.status !== 'closed';
  const due = open && c.dueAt ? new Date(c.dueAt) : null;
  // A time already past is no promise: the resident is told it is late, and that it has been chased.
  const late = due !== null && due.getTime() < now.getTime();
  return t.render('case_status', {
    number: c.number,
    gist: gist(c),
    status: STATUS_ZH[c.status],
    owner: c.owner ? ownerText(c.owner) : '村委会',
    due: !due
      ? ''
      : late
        ? `，已超过答复时限（${formatDue(due, timeZone)}），已督促尽快办理`
        : `，${formatDue(due, timeZone)}前答复`,
  });
}
