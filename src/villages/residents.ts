import { z } from 'zod';

/** The roster file of a village folder (Contract 2). */
export const RESIDENTS_FILE = 'residents.csv';
const HEADER = ['姓名', '村民小组', '户号', '手机号', '在外'] as const;

/** One line of 村民名册; columns a village adds are kept in `extra`. */
export const ResidentSchema = z.object({
  /** Stable across edits of other lines: group, household and name. */
  id: z.string(),
  name: z.string().min(1),
  group: z.string().min(1),
  household: z.string().min(1),
  phone: z.string(),
  away: z.boolean(),
  extra: z.record(z.string(), z.string()),
});
export type Resident = z.infer<typeof ResidentSchema>;

export class RosterError extends Error {
  override name = 'RosterError';
}

const AWAY: Record<string, boolean> = { 是: true, 否: false, '': false };

/** Splits one CSV line, quotes allowed ("a,b" and "" inside them). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Reads a roster; every mistake is named by file and line with the fix, all of them at once. */
export function parseRoster(text: string, file: string): Resident[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = cells(lines[0] ?? '');
  const missing = HEADER.filter((h) => !header.includes(h));
  if (missing.length) {
    throw new RosterError(
      `${file}: line 1 lacks the column(s) ${missing.join(', ')} — the header is ${HEADER.join(',')}`,
    );
  }
  const col = (name: string) => header.indexOf(name);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const out: Resident[] = [];
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (!line.trim()) return;
    const row = cells(line);
    const get = (name: string) => row[col(name)] ?? '';
    const [name, group, household, away] = [get('姓名'), get('村民小组'), get('户号'), get('在外')];
    if (!name) problems.push(`${file}: line ${n}: 姓名 is empty — write the resident's name`);
    if (!group) problems.push(`${file}: line ${n}: 村民小组 is empty — write the group, e.g. 四组`);
    if (!household) problems.push(`${file}: line ${n}: 户号 is empty — write the household number`);
    if (!(away in AWAY)) problems.push(`${file}: line ${n}: 在外 is "${away}" — write 是, 否 or leave it empty`);
    if (!name || !group || !household || !(away in AWAY)) return;
    const id = `${group}|${household}|${name}`;
    const earlier = seen.get(id);
    if (earlier) {
      problems.push(
        `${file}: line ${n}: ${name} of ${group} household ${household} is already on line ${earlier} — remove one`,
      );
      return;
    }
    seen.set(id, n);
    const extra: Record<string, string> = {};
    header.forEach((h, j) => {
      if (!(HEADER as readonly string[]).includes(h) && h) extra[h] = row[j] ?? '';
    });
    out.push({ id, name, group, household, phone: get('手机号'), away: AWAY[away]!, extra });
  });
  if (problems.length) throw new RosterError(problems.join('\n'));
  return out;
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "四组", "第四村民小组", "4组", "十二组" → 4, 4, 4, 12; a group without a number stays its own words. */
export function groupKey(group: string): string {
  const m = /(\d+|[一二两三四五六七八九十]+)/.exec(group);
  if (!m) return group.trim();
  const w = m[1]!;
  if (/^\d+$/.test(w)) return String(Number(w));
  if (w === '十') return '10';
  const [tens, ones] = w.includes('十') ? w.split('十') : ['', w];
  return String((tens ? (DIGITS[tens] ?? 1) : w.includes('十') ? 1 : 0) * 10 + (ones ? (DIGITS[ones] ?? 0) : 0));
}
