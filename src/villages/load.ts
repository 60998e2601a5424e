import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { type Logger, logger } from '../log/logger.js';
import { topicsOf } from '../nlu/topics.js';
import { checkReading } from '../rules/check.js';
import { decodeRules } from '../rules/file.js';
import { parseRules, type Rules, RulesError } from '../rules/parse.js';
import { type Guide, GuideError, parseGuide } from './guide.js';
import { type Hotlines, HotlinesError, loadHotlines } from './hotlines.js';
import { parseRoster, RESIDENTS_FILE, type Resident, RosterError } from './residents.js';
import { type CommitteeMember, type DutyKind, type LegalAdvisor, type Village, VillageSchema } from './schema.js';

export const VILLAGE_FILE = 'village.json';
export const RULES_FILE = '村规民约.txt';
export const GUIDE_FILE = '办事指南.md';

/** A village folder that failed validation; the message names the file, the field and the fix. */
export class VillageError extends Error {
  override name = 'VillageError';
}

export interface LoadedVillage {
  village: Village;
  rules: Rules;
  /** The service guide, when the village has a 办事指南.md. */
  guide?: Guide;
  /** The folder it was loaded from. */
  dir: string;
  /** 村民名册 (residents.csv), when the village has one: what votes count against and WeChat names bind to. */
  residents?: Resident[];
  /** Help lines for sensitive matters (templates/hotlines.json, or the village's own hotlines.json). */
  hotlines?: Hotlines;
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function describe(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = pathOf(issue.path);
      if (issue.code === 'unrecognized_keys' || !where) return `${file}: ${issue.message}`;
      return `${file}: ${where} ${issue.message}`;
    })
    .join('\n');
}

const villagesLog = logger.child({ part: 'villages' });

/** Where start-up says how each village's rules were read. */
export interface LoadOptions {
  log?: Logger;
}

/** Loads one village folder: `village.json` validated, `村规民约.txt` and an optional `办事指南.md` parsed. Throws VillageError. */
export function loadVillage(dir: string, { log = villagesLog }: LoadOptions = {}): LoadedVillage {
  const file = join(dir, VILLAGE_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT')
      throw new VillageError(`${file} is missing — every village folder needs a ${VILLAGE_FILE}`);
    throw new VillageError(`${file}: not valid JSON (${e.message}) — fix the syntax`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new VillageError(`${file}: must hold one JSON object {"id", "name", "rooms", "legalAdvisors", "committee"}`);
  }
  const parsed = VillageSchema.safeParse(raw);
  if (!parsed.success) throw new VillageError(describe(file, parsed.error));

  const rulesFile = join(dir, RULES_FILE);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(rulesFile);
  } catch {
    throw new VillageError(`${rulesFile} is missing or unreadable — add the village's 村规民约 as plain UTF-8 text`);
  }
  const guideFile = join(dir, GUIDE_FILE);
  try {
    const rules = parseRules(decodeRules(bytes, rulesFile), { name: rulesFile });
    logReading(log, parsed.data.id, rulesFile, rules);
    const rosterFile = join(dir, RESIDENTS_FILE);
    const hotlines = loadHotlines(dir);
    return {
      village: parsed.data,
      rules,
      ...(existsSync(guideFile) ? { guide: parseGuide(readFileSync(guideFile, 'utf8'), { name: guideFile }) } : {}),
      ...(existsSync(rosterFile) ? { residents: parseRoster(readFileSync(rosterFile, 'utf8'), rosterFile) } : {}),
      dir,
      hotlines,
    };
  } catch (err) {
    // Only an empty or non-text file stops the village; every layout is read, and a doubtful reading is logged.
    if (
      err instanceof RulesError ||
      err instanceof GuideError ||
      err instanceof RosterError ||
      err instanceof HotlinesError
    )
      throw new VillageError(err.message);
    throw err;
  }
}

/** How many articles a village's rules were read as, and a warning when the reading looks wrong. */
function logReading(log: Logger, village: string, file: string, rules: Rules): void {
  log.info(
    { village, file, articles: rules.articles.length, sections: rules.chapters.length, layout: rules.layout.article },
    'rules loaded',
  );
  const issues = [...checkReading(rules).map((i) => i.en), ...rules.warnings];
  for (const issue of issues) {
    log.warn(
      { village, file, issue },
      `rules of ${village} may be read wrongly — check with: cunbot rules check ${file}`,
    );
  }
}

/** Loads every sub-folder of `dir` holding a village.json. Duplicate ids or room topics are errors. */
export function loadVillages(dir: string, options: LoadOptions = {}): LoadedVillage[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new VillageError(
      `${dir}: no such folder — set VILLAGES_DIR to the folder holding one sub-folder per village`,
    );
  }
  const villages = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, VILLAGE_FILE)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => loadVillage(join(dir, e.name), options));
  if (villages.length === 0) {
    throw new VillageError(`${dir}: no village found — add ${dir}/<id>/${VILLAGE_FILE} and ${dir}/<id>/${RULES_FILE}`);
  }
  const ids = new Map<string, string>();
  const rooms = new Map<string, string>();
  for (const { village, dir: where } of villages) {
    const file = join(where, VILLAGE_FILE);
    const other = ids.get(village.id);
    if (other)
      throw new VillageError(`${file}: id "${village.id}" is also used by ${other} — give each village its own id`);
    ids.set(village.id, file);
    for (const [i, room] of village.rooms.entries()) {
      const owner = rooms.get(room);
      if (owner) {
        throw new VillageError(
          `${file}: rooms[${i}] "${room}" is also listed by ${owner} — a WeChat group belongs to one village`,
        );
      }
      rooms.set(room, file);
    }
  }
  return villages;
}

/** The village whose `rooms` lists this WeChat group topic. */
export function villageForRoom<T extends { village: Village }>(villages: readonly T[], topic: string): T | undefined {
  const wanted = topic.trim();
  return villages.find(({ village }) => village.rooms.some((room) => room.trim() === wanted));
}

const advisorConcepts = new WeakMap<LegalAdvisor, Set<string>>();

function conceptsOf(advisor: LegalAdvisor): Set<string> {
  let concepts = advisorConcepts.get(advisor);
  if (!concepts) {
    concepts = new Set(advisor.topics.flatMap((t) => [t.trim(), ...topicsOf(t)]));
    advisorConcepts.set(advisor, concepts);
  }
  return concepts;
}

/**
 * The legal advisor whose topics best cover the message's topic concepts (earlier topics weigh more, as the first
 * one named is usually the matter itself); the first advisor when none matches.
 */
export function advisorFor(village: Village, topics: readonly string[]): LegalAdvisor {
  let best = village.legalAdvisors[0]!;
  let bestScore = 0;
  for (const advisor of village.legalAdvisors) {
    const concepts = conceptsOf(advisor);
    const score = topics.reduce((sum, topic, i) => sum + (concepts.has(topic) ? 1 / (i + 1) : 0), 0);
    if (score > bestScore) {
      best = advisor;
      bestScore = score;
    }
  }
  return best;
}

export type { DutyKind } from './schema.js';

/** Per kind: patterns on the role (strong) and on the duties text (weaker), strongest first. */
const DUTY_PATTERNS: Record<DutyKind, Array<{ role?: RegExp; duties?: RegExp; weight: number }>> = {
  mediation: [
    { role: /调解/, weight: 4 },
    { role: /治保/, weight: 3 },
    { duties: /调解|纠纷/, weight: 2 },
  ],
  security: [
    { role: /治保|治安/, weight: 4 },
    { role: /调解/, weight: 3 },
    { duties: /治安|消防|网格|安全/, weight: 2 },
  ],
  services: [
    { role: /代办|便民/, weight: 4 },
    { role: /报账/, weight: 3 },
    { duties: /代办|低保|医保|社保|证明|户籍|补贴/, weight: 2 },
  ],
  infrastructure: [
    { role: /道路|水利|路灯|设施|水电/, weight: 4 },
    { duties: /道路|水利|路灯|自来水|设施|水电/, weight: 2 },
  ],
  secretary: [
    { role: /书记/, weight: 4 },
    { role: /(?:村委会|村民委员会)主任|^主任|村主任/, weight: 3 },
    { role: /(?<![副调解保])主任/, weight: 2 },
  ],
};

function dutiesText(member: CommitteeMember): string {
  return Array.isArray(member.duties) ? member.duties.join('、') : (member.duties ?? '');
}

/**
 * The committee member on duty for a kind of matter, read from role and duties (治保/调解 → mediation and security,
 * 报账员/代办 → services, 道路/水利/路灯 → infrastructure, 书记/主任 → secretary). Falls back to the secretary, then
 * to the first member, so an urgent alert always has someone to go to.
 */
export function dutyMember(village: Village, kind: DutyKind, except?: string): CommitteeMember {
  // `except`: someone who cannot take it (the head asked to chase a case is not its owner).
  const members = village.committee.members.filter((m) => m.name !== except);
  if (members.length === 0) return dutyMember(village, kind);
  let best: CommitteeMember | undefined;
  let bestScore = 0;
  for (const member of members) {
    const duties = dutiesText(member);
    let score = 0;
    for (const p of DUTY_PATTERNS[kind]) {
      if (p.role?.test(member.role) || p.duties?.test(duties)) score = Math.max(score, p.weight);
    }
    if (score > bestScore) {
      best = member;
      bestScore = score;
    }
  }
  if (best) return best;
  return kind === 'secretary' ? members[0]! : dutyMember(village, 'secretary', except);
}
