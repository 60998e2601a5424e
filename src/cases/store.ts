import type { ChainableCommander, Redis } from 'ioredis';
import { type Clock, systemClock } from '../config/clock.js';
import { buildCase, type CaseInput, CaseInputSchema, mergeInto } from './build.js';
import { changeOf } from './events.js';
import { indexOps } from './indexes.js';
import { CaseKeys } from './keys.js';
import { isOpen } from './lifecycle.js';
import { caseIdFor, formatCaseNumber, type LocalDay, localDay } from './numbering.js';
import { type CountQuery, type ListQuery, planQuery } from './query.js';
import { type Case, CaseSchema } from './schema.js';
import { type CasePipeline, type CaseRedis, withCaseScripts } from './scripts.js';
import { caseGrams } from './search.js';
import { type CaseSummary, CaseSummarySchema, summaryOf } from './summary.js';
import { SURVEY_DAYS } from './survey.js';

export type { CaseInput } from './build.js';
export type { CountQuery, ListQuery } from './query.js';

export interface CreateResult {
  case: Case;
  /** true when this call created the case; false for a re-delivery or a follow-up that joined a case. */
  created: boolean;
  /** true when the message joined an existing open case. */
  merged: boolean;
  /** The follow-up reopened the case or made it urgent: its deadline is new and needs a timer. */
  restarted?: boolean;
}

export interface Allocation {
  id: string;
  number: string;
}

export class CaseConflictError extends Error {
  override name = 'CaseConflictError';
}

export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
}

/** A failed command inside a pipeline fails the whole read. */
function results(res: Array<[Error | null, unknown]> | null): unknown[] {
  const failed = (res ?? []).find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  return (res ?? []).map(([, value]) => value);
}

/** A case as stored, checked against the schema: a row written by an older or broken version fails loudly here. */
const parseCase = (json: string): Case => CaseSchema.parse(JSON.parse(json));

const parseSummary = (json: string | null): CaseSummary | null => {
  if (json === null) return null;
  try {
    const parsed = CaseSummarySchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

const MAX_LIST = 500;
/** 2: the open, owner and search indexes (cases saved before them are re-indexed once). */
const INDEX_VERSION = 2;

/**
 * Cases in Redis under their own keys (see CaseKeys), with sorted-set indexes per village, status, intent, urgency
 * and overdue, so an inbox page of 10,000 cases is a set intersection and a range read, never a scan. What a case
 * is and how it changes is decided elsewhere (build.ts, lifecycle.ts); this class only loads and saves.
 */
export class CaseStore {
  private readonly redis: CaseRedis;
  readonly keys: CaseKeys;

  constructor(
    redis: Redis,
    prefix: string,
    readonly clock: Clock = systemClock(),
  ) {
    this.redis = withCaseScripts(redis);
    this.keys = new CaseKeys(prefix);
  }

  /**
   * Takes the case number for a message before the case exists, so the bot can quote it in its instant reply;
   * the worker later stores the case under exactly this number. The same message key always gets the same one.
   */
  async allocate(prefix: string, sourceKey: string, at: Date): Promise<Allocation> {
    const day = localDay(at, this.clock.timeZone);
    const [allocation, sequence] = [this.keys.allocation(sourceKey), this.keys.sequence(prefix, day.ymd)];
    let seq = await this.redis.cunbotAllocateCase(allocation, sequence);
    if (seq === -1) {
      await this.redis.set(sequence, await this.highestStored(prefix, day), 'EX', 3024000, 'NX');
      seq = await this.redis.cunbotAllocateCase(allocation, sequence, 'seeded');
    }
    return { id: caseIdFor(prefix, day, seq), number: formatCaseNumber(prefix, day, seq) };
  }

  /** The highest sequence of the day among stored cases (0 when none): where numbering goes on if its count is lost. */
  private async highestStored(prefix: string, day: LocalDay): Promise<number> {
    const idStart = `${prefix}-${day.ymd}-`;
    let [cursor, best] = ['0', 0];
    do {
      const [next, pairs] = await this.redis.hscan(
        this.keys.byNumber,
        cursor,
        'MATCH',
        `${prefix}-${day.mmdd}-*`,
        'COUNT',
        1000,
      );
      cursor = next;
      for (let i = 1; i < pairs.length; i += 2) {
        const id = pairs[i] ?? '';
        if (id.startsWith(idStart)) best = Math.max(best, Number(id.slice(idStart.length)) || 0);
      }
    } while (cursor !== '0');
    return best;
  }

  async get(id: string): Promise<Case | null> {
    const json = await this.redis.hget(this.keys.case(id), 'json');
    return json ? parseCase(json) : null;
  }

  async getByNumber(number: string): Promise<Case | null> {
    const id = await this.redis.hget(this.keys.byNumber, number);
    return id ? this.get(id) : null;
  }

  /** The resident's open case in a village, if any (residentKey is village + display name). */
  async openCaseFor(residentKey: string): Promise<Case | null> {
    const id = await this.redis.get(this.keys.open(residentKey));
    if (!id) return null;
    const c = await this.get(id);
    return c && isOpen(c) ? c : null;
  }

  /** Remembers that the resident of a closed case owes the 回访 answer (for as long as they may give it). */
  async markSurveyPending(c: Case): Promise<void> {
    await this.redis.set(this.keys.survey(c.resident.key), c.id, 'EX', SURVEY_DAYS * 24 * 3600);
  }

  /** The case whose 回访 answer the resident still owes, if any. */
  async surveyPendingFor(residentKey: string): Promise<Case | null> {
    const id = await this.redis.get(this.keys.survey(residentKey));
    const c = id ? await this.get(id) : null;
    return c?.survey && !c.survey.answer && !c.survey.expiredAt ? c : null;
  }

  async clearSurveyPending(c: Case): Promise<void> {
    const key = this.keys.survey(c.resident.key);
    if ((await this.redis.get(key)) === c.id) await this.redis.del(key);
  }

  /** The resident's cases, newest first (follow-ups and status questions choose among them). */
  async casesOf(residentKey: string, limit = 10): Promise<Case[]> {
    const ids = await this.redis.zrevrange(this.keys.resident(residentKey), 0, limit - 1);
    return (await this.pipelineGet(ids)).filter((c): c is Case => c !== null);
  }

  /**
   * Stores a message as a case, once: a re-delivered message returns the case it already made, and a private
   * message from a resident with an open case joins that case.
   */
  async createOrMerge(raw: CaseInput): Promise<CreateResult> {
    const input = CaseInputSchema.parse(raw);
    const take = () => this.allocate(input.prefix, input.sourceKey, new Date(input.receivedAt));
    const joining = input.joinCaseId !== undefined || input.joinOpenCase;
    // A new case's number is taken (or read back) in the same round trip as the re-delivery check: both are
    // idempotent. A message meant to join a case takes none unless it ends up opening one, so numbers do not skip.
    const [known, early] = await Promise.all([
      this.redis.hget(this.keys.bySource, input.sourceKey),
      joining ? null : take(),
    ]);
    if (known) {
      const existing = await this.get(known);
      if (existing) return { case: existing, created: false, merged: false };
    }
    const target = input.joinCaseId
      ? await this.get(input.joinCaseId)
      : input.joinOpenCase
        ? await this.openCaseFor(input.resident.key)
        : null;
    if (target && target.resident.key === input.resident.key) {
      let restarted = false;
      const merged = await this.update(target.id, (c) => {
        const next = mergeInto(c, input);
        if (!next) return null;
        const { restarted: r, ...rest } = next;
        restarted = r === true;
        return rest;
      });
      await this.redis.hset(this.keys.bySource, input.sourceKey, merged.id);
      return { case: merged, created: false, merged: true, restarted };
    }
    const c = buildCase(input, early ?? (await take()), this.clock.now());
    if (!(await this.save(c, null, [[this.keys.bySource, input.sourceKey]]))) {
      // Another worker stored this very message first (a stalled job run twice): theirs is the case.
      const existing = await this.get(c.id);
      if (!existing) throw new CaseConflictError(`case ${c.id} vanished while being created`);
      return { case: existing, created: false, merged: false };
    }
    return { case: c, created: true, merged: false };
  }

  /**
   * Read-modify-write with retries on concurrent change. `change` returns the new case, or null for "nothing to
   * do"; an error it throws (a refused action) leaves the case as it was. Returns the stored case.
   */
  async update(id: string, change: (c: Case) => Case | null): Promise<Case> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [json, rev] = await this.redis.hmget(this.keys.case(id), 'json', 'rev');
      if (!json || !rev) throw new CaseNotFoundError(`no case ${id}`);
      const before = parseCase(json);
      const next = change(structuredClone(before));
      if (!next) return before;
      next.updatedAt = this.clock.now().toISOString();
      if (await this.save(next, { before, rev })) return next;
    }
    throw new CaseConflictError(`case ${id} kept changing under us; try again`);
  }

  /** Re-saves open cases whose deadline has passed, so they carry the overdue flag (and rank) in every index. */
  async sweepOverdue(now = this.clock.now()): Promise<number> {
    const ids = await this.redis.zrangebyscore(this.keys.due, '-inf', now.getTime(), 'LIMIT', 0, 200);
    for (const id of ids) await this.update(id, (c) => c);
    return ids.length;
  }

  /**
   * Brings cases saved under older index versions into today's indexes, once per deployment: each is re-saved
   * (open and owner indexes) and its words indexed. Returns how many cases were re-indexed.
   */
  async reindexOnce(): Promise<number> {
    const version = Number((await this.redis.get(this.keys.indexVersion)) ?? 0);
    if (version >= INDEX_VERSION) return 0;
    let done = 0;
    for (let start = 0; ; start += MAX_LIST) {
      const ids = await this.redis.zrange(this.keys.rank, String(start), String(start + MAX_LIST - 1));
      for (const id of ids) {
        const c = await this.update(id, (x) => x);
        const pipe = this.redis.pipeline();
        for (const gram of caseGrams(c)) pipe.zadd(this.keys.gram(gram), 0, c.id);
        results(await pipe.exec());
      }
      done += ids.length;
      if (ids.length < MAX_LIST) break;
    }
    await this.redis.set(this.keys.indexVersion, String(INDEX_VERSION));
    return done;
  }

  /** A page of full cases (with their timelines), for exports and batch work; the inbox reads `summaries`. */
  async list(query: ListQuery = {}): Promise<{ items: Case[]; total: number }> {
    const { page, total } = await this.page<string[]>(query, (pipe, key, start, stop) =>
      pipe.zrevrange(key, start, stop),
    );
    const cases = await this.pipelineGet(page ?? []);
    return { items: cases.filter((c): c is Case => c !== null), total };
  }

  /** Every case matching the filter, read a page at a time (exports, statistics, the corrections export). */
  async all(filter: CountQuery = {}): Promise<Case[]> {
    const out: Case[] = [];
    for (let offset = 0; ; offset += MAX_LIST) {
      const page = await this.list({ ...filter, limit: MAX_LIST, offset });
      out.push(...page.items);
      if (page.items.length < MAX_LIST) return out;
    }
  }

  /** A page of the inbox: the stored summaries of its cases, read with the page itself in one round trip. */
  async summaries(query: ListQuery = {}): Promise<{ items: CaseSummary[]; total: number }> {
    const { page, total } = await this.page<[string[], Array<string | null>]>(query, (pipe, key, start, stop) =>
      (pipe as CasePipeline).cunbotCasePage(key, this.keys.summaries, start, stop),
    );
    const [ids, rows] = page ?? [[], []];
    const items = rows.map(parseSummary);
    const missing = ids.filter((_, i) => !items[i]);
    // Cases saved before summaries existed (or under an older shape of them) get theirs rebuilt, once.
    const rebuilt = missing.length > 0 ? await this.rebuildSummaries(missing) : new Map<string, CaseSummary>();
    return { items: ids.flatMap((id, i) => items[i] ?? rebuilt.get(id) ?? []), total };
  }

  async count(query: CountQuery = {}): Promise<number> {
    const pipe = this.redis.pipeline();
    const sel = planQuery(this.keys, query, pipe);
    if (!sel) return 0;
    pipe.zcard(sel.key);
    if (sel.temps.length > 0) pipe.del(...sel.temps);
    const out = results(await pipe.exec());
    return Number(out[out.length - (sel.temps.length > 0 ? 2 : 1)] ?? 0);
  }

  /** Cases of some villages received in [from, to), oldest first: for statistics and exports. */
  async receivedBetween(villages: readonly string[], from: Date, to: Date): Promise<Case[]> {
    const pipe = this.redis.pipeline();
    for (const v of villages) pipe.zrangebyscore(this.keys.received(v), from.getTime(), `(${to.getTime()}`);
    const res = await pipe.exec();
    const ids = (res ?? []).flatMap(([, r]) => (r as string[]) ?? []);
    const cases = (await this.pipelineGet(ids)).filter((c): c is Case => c !== null);
    return cases.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /**
   * A query's set operations, its count and `read` of one page, in a single pipeline. Whether any open case has
   * passed its deadline is asked in the same round trip; only then are those swept and the page read again.
   */
  private async page<T>(
    query: ListQuery,
    read: (pipe: ChainableCommander, key: string, start: number, stop: number) => void,
    sweep = true,
  ): Promise<{ page: T | null; total: number }> {
    const limit = Math.max(0, Math.min(query.limit ?? 50, MAX_LIST));
    const offset = Math.max(0, query.offset ?? 0);
    const now = this.clock.now();
    const pipe = this.redis.pipeline();
    pipe.zrangebyscore(this.keys.due, '-inf', now.getTime(), 'LIMIT', 0, 1);
    const sel = planQuery(this.keys, query, pipe);
    if (sel) {
      pipe.zcard(sel.key);
      if (limit > 0) read(pipe, sel.key, offset, offset + limit - 1);
      if (sel.temps.length > 0) pipe.del(...sel.temps);
    }
    const out = results(await pipe.exec());
    if (sweep && (out[0] as string[]).length > 0) {
      await this.sweepOverdue(now);
      return this.page(query, read, false);
    }
    if (!sel) return { page: null, total: 0 };
    const tail = out.slice(out.length - (limit > 0 ? 2 : 1) - (sel.temps.length > 0 ? 1 : 0));
    return { total: Number(tail[0] ?? 0), page: limit > 0 ? (tail[1] as T) : null };
  }

  private async rebuildSummaries(ids: readonly string[]): Promise<Map<string, CaseSummary>> {
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hmget(this.keys.case(id), 'json', 'rev');
    const found = results(await pipe.exec()) as Array<[string | null, string | null]>;
    const keys: string[] = [this.keys.summaries];
    const args: string[] = [];
    const out = new Map<string, CaseSummary>();
    found.forEach(([json, rev], i) => {
      const id = ids[i];
      if (!json || !rev || !id) return;
      const summary = summaryOf(parseCase(json));
      out.set(id, summary);
      keys.push(this.keys.case(id));
      args.push(rev, id, JSON.stringify(summary));
    });
    if (out.size > 0) await this.redis.cunbotBackfillSummaries(keys.length, ...keys, ...args);
    return out;
  }

  private async pipelineGet(ids: readonly string[]): Promise<Array<Case | null>> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hget(this.keys.case(id), 'json');
    const res = (await pipe.exec()) ?? [];
    return res.map(([, json]) => (typeof json === 'string' ? parseCase(json) : null));
  }

  /** Writes a case if it is still at `prev.rev` (or does not exist yet when prev is null). False on conflict. */
  private async save(c: Case, prev: { before: Case; rev: string } | null, extra: Array<[string, string]> = []) {
    CaseSchema.parse(c);
    const { keys, ops } = indexOps(this.keys, c, prev?.before ?? null, this.clock.now(), extra);
    const result = await this.redis.cunbotSaveCase(
      keys.length,
      ...keys,
      prev?.rev ?? '',
      JSON.stringify(c),
      c.id,
      JSON.stringify(ops),
      JSON.stringify(summaryOf(c)),
    );
    if (result === -1) return false;
    await this.afterSave(prev?.before ?? null, c);
    return true;
  }

  /** The search index gains the case's new words, and every open workbench hears of the change. */
  private async afterSave(before: Case | null, c: Case): Promise<void> {
    const pipe = this.redis.pipeline();
    const sameWords = before && before.text === c.text && before.messages.length === c.messages.length;
    if (!sameWords) {
      const had = before ? caseGrams(before) : new Set<string>();
      for (const gram of caseGrams(c)) if (!had.has(gram)) pipe.zadd(this.keys.gram(gram), 0, c.id);
    }
    pipe.publish(this.keys.events, JSON.stringify(changeOf(before, c)));
    results(await pipe.exec());
  }
}
