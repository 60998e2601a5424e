import type { RoutedVillage } from '../cases/routing.js';
import type { Templates } from '../cases/templates.js';
import { caseNumberIn } from './plan-followup.js';

/** What tells which village a private chat is about: a private chat names none. */
export interface VillageClues {
  /** Villages whose groups the display name has spoken in, most recent first. */
  spokenIn: readonly string[];
  /** Villages where the contact is bound to a roster entry (村民名册). */
  boundIn: readonly string[];
  /** The village the resident named when the bot last asked. */
  chosen: string | null;
}

export type VillageChoice =
  | { kind: 'village'; village: RoutedVillage }
  /** Several villages fit: the bot asks which, and keeps the message until the answer. */
  | { kind: 'ask'; among: RoutedVillage[] }
  | { kind: 'none' };

/** Beyond this many villages a numbered list is no help to a resident; the bot says where to write instead. */
export const MAX_LISTED = 9;

/**
 * The village of a private message: the one a case number in it belongs to, else the resident's binding, else the
 * village they named when asked, else the only group they speak in. When the name speaks in several villages' groups
 * the bot asks — except for an urgent message with any clue, which is never held up: it goes to the village spoken
 * in last (among those bound, when several are). Only a name never seen in any group is asked even then.
 */
export function privateVillage(
  villages: readonly RoutedVillage[],
  clues: VillageClues,
  text: string,
  urgent: boolean,
): VillageChoice {
  const byId = (id: string | null) => villages.find((v) => v.village.id === id);
  const named = caseNumberIn(text);
  const numbered = named ? villages.filter((v) => named.startsWith(`${v.prefix}-`)) : [];
  if (numbered.length === 1) return { kind: 'village', village: numbered[0]! };
  const among = (ids: readonly string[]) => ids.map(byId).filter((v): v is RoutedVillage => v !== undefined);
  const bound = among(clues.boundIn);
  if (bound.length === 1) return { kind: 'village', village: bound[0]! };
  const chosen = byId(clues.chosen);
  if (chosen) return { kind: 'village', village: chosen };
  const spoken = among(clues.spokenIn);
  const fits = bound.length > 1 ? bound : spoken.length > 0 ? spoken : villages;
  if (fits.length === 1) return { kind: 'village', village: fits[0]! };
  // Of several bindings, the village spoken in last: a fire is told to where the resident is most likely now.
  const likeliest = bound.length > 0 ? (spoken.find((v) => bound.includes(v)) ?? bound[0]) : spoken[0];
  if (urgent && likeliest) return { kind: 'village', village: likeliest };
  return fits.length <= MAX_LISTED ? { kind: 'ask', among: [...fits] } : { kind: 'none' };
}

/** The question: "您说的是哪个村的事？回复1 东山村；回复2 西河村", with the emergency numbers first when urgent. */
export function villageQuestion(t: Templates, among: readonly RoutedVillage[], urgent: boolean): string {
  const list = among.map((v, i) => `回复${i + 1} ${v.village.name}`).join('；');
  return t.render(urgent ? 'village_ask_urgent' : 'village_ask', { list });
}

const FULL_WIDTH_DIGIT = /[０-９]/g;
const CHINESE_DIGITS = '一二三四五六七八九';

/**
 * The village an answer names: its number in the list (2, ２, 二, 第二个), or its name (with or without 村); null
 * when it names none.
 */
export function villageAnswer(text: string, among: readonly RoutedVillage[]): RoutedVillage | null {
  const t = text
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[。.!！,，\s]/g, '');
  const index = /^(?:回复|第)?([1-9一二三四五六七八九])(?:个|号)?$/.exec(t)?.[1];
  if (index) return among[(/\d/.test(index) ? Number(index) : CHINESE_DIGITS.indexOf(index) + 1) - 1] ?? null;
  // A short answer only: a long message that happens to name a village is a new matter, not an answer.
  if (t.length > 12) return null;
  // The longest name the answer holds: "东山口" is 东山口村, though it holds 东山 of 东山村 too.
  const named = among
    .map((v) => {
      const name = v.village.name;
      const short = name.replace(/村$/, '');
      return { v, len: t.includes(name) ? name.length : short.length >= 2 && t.includes(short) ? short.length : 0 };
    })
    .filter((h) => h.len > 0);
  const longest = Math.max(0, ...named.map((h) => h.len));
  const hits = named.filter((h) => h.len === longest);
  return hits.length === 1 ? hits[0]!.v : null;
}
