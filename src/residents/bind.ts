import { groupKey, type Resident } from '../villages/residents.js';

/** Who a binding names: a roster name, told apart by 村民小组 or 户号 when the name is not unique. */
export interface EntryQuery {
  name: string;
  group?: string | undefined;
  household?: string | undefined;
}

export type EntryMatch =
  | { ok: true; resident: Resident }
  | { ok: false; reason: 'unknown' | 'ambiguous'; en: string; zh: string; candidates: Resident[] };

/** The one roster entry a query names, or why there is none (no such name; the same name in several groups). */
export function matchEntry(roster: readonly Resident[], q: EntryQuery): EntryMatch {
  const named = roster.filter((r) => r.name === q.name.trim());
  const fits = named.filter(
    (r) =>
      (q.group === undefined || groupKey(r.group) === groupKey(q.group)) &&
      (q.household === undefined || r.household === q.household.trim()),
  );
  if (fits.length === 1) return { ok: true, resident: fits[0]! };
  if (named.length === 0 || fits.length === 0) {
    const where = q.group ? `${q.group}的` : '';
    return {
      ok: false,
      reason: 'unknown',
      en: `no roster entry named ${q.name}${q.group ? ` in ${q.group}` : ''}`,
      zh: `村民名册里没有${where}${q.name}，请核对姓名和村民小组。`,
      candidates: named,
    };
  }
  return {
    ok: false,
    reason: 'ambiguous',
    en: `${fits.length} roster entries are named ${q.name}; give the group or household`,
    zh: `名册里有${fits.length}位${q.name}（${fits.map((r) => r.group).join('、')}），请说明是哪个村民小组或户号。`,
    candidates: fits,
  };
}

/**
 * The remark (备注) the bot sets on a bound friend. WeChat keeps remarks on its servers, so it survives a wechat4u
 * re-login (new ids) and the resident renaming themselves; it is unique because the roster id is.
 */
export const aliasTag = (r: Resident): string => `村民·${r.group}·${r.household}·${r.name}`;

const REQUEST =
  /我(?:是|叫)\s*(?:(第?[一二两三四五六七八九十\d]+(?:村民)?小?组)的?)?\s*([\u4e00-\u9fa5]{2,4}?)(?:[，,。\s]|$|想|要|申请|登记|绑定|实名)/;
const HOUSEHOLD = /户号\s*(\d+)/;
const ASKS = /登记|绑定|实名|认证|核实身份/;

/** "我是四组的孙国平，想登记" → {name, group}; null when the message is not a request to be bound. */
export function parseBindRequest(text: string): EntryQuery | null {
  if (!ASKS.test(text)) return null;
  const m = REQUEST.exec(text);
  if (!m) return null;
  const household = HOUSEHOLD.exec(text)?.[1];
  return { name: m[2]!, ...(m[1] ? { group: m[1] } : {}), ...(household ? { household } : {}) };
}
