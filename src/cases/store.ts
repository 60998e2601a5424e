import type { ChainableCommander, Redis } from 'ioredis';
import { z } from 'zod';
import { type Intent, IntentSchema } from '../nlu/types.js';
import { caseIdFor, formatCaseNumber, localDay } from './numbering.js';
import {
  type Case,
  type CaseEvent,
  CaseSchema,
  type CaseStatus,
  ChannelSchema,
  OwnerSchema,
  ResidentSchema,
  SlaKindSchema,
} from './schema.js';
import { type CaseSummary, CaseSummarySchema, summaryOf } from './summary.js';

/** Statuses in which a case still waits for the village: the SLA clock runs and private follow-ups join it. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'assigned', 'reopened', 'escalated'];

export const isOpen = (c: Pick<Case, 'status'>): boolean => OPEN_STATUSES.includes(c.status);

/** What a worker knows about a new message when it hands it to the store. */
export const CaseInputSchema = z.object({
  /** The WeChat message's identity: the same key again (a re-delivery, a retried job) is the same case. */
  sourceKey: z.string().min(1),
  messageId: z.string().min(1),
  village: z.string().min(1),
  /** Case number prefix of the village (XH). */
  prefix: z.string().regex(/^[A-Z0-9]{1,6}$/),
  room: z.string().nullable(),
  channel: ChannelSchema,
  resident: ResidentSchema,
  intent: IntentSchema,
  confidence: z.number(),
  topics: z.array(z.string()),
  urgent: z.boolean(),
  text: z.string(),
  receivedAt: z.string(),
  context: z.array(z.object({ at: z.string(), from: z.string(), text: z.string() })).default([]),
  owner: OwnerSchema.nullable(),
  slaKind: SlaKindSchema,
  dueAt: z.string(),
  /** A private message joins the resident's open case instead of opening a new one. */
  joinOpenCase: z.boolean().default(false),
  /** What the bot already answered, written on the timeline. */
  botReplies: z.array(z.string()).default([]),
});
export type CaseInput = z.input<typeof CaseInputSchema>;

export interface CreateResult {
  case: Case;
  /** true when this call created the case; false for a re-delivery or a follow-up that joined a case. */
  created: boolean;
  /** true when the message joined an existing open case. */
  merged: boolean;
}

export interface ListQuery {
  villages?: readonly string[];
  status?: CaseStatus | readonly CaseStatus[];
  intent?: Intent;
  urgent?: boolean;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

export type CountQuery = Omit<ListQuery, 'limit' | 'offset'>;

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

// The inbox order lives in one score: urgent first, then overdue, then newest. Receipt times in ms (~1.8e12) stay
// below both flags, and the sum stays far below 2^53, so the order is exact.
const URGENT_FLAG = 4e13;
const OVERDUE_FLAG = 2e13;

const rankOf = (c: Case, overdue: boolean): number =>
  Date.parse(c.receivedAt) + (c.urgent ? URGENT_FLAG : 0) + (overdue ? OVERDUE_FLAG : 0);

// Compare-and-set of one case, its inbox summary and all its index entries in one step, so a worker's SLA event and
// an advisor's reply landing together can neither lose an event nor leave an index or a row showing an old state.
const SAVE_LUA = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if (rev or '') ~= ARGV[1] then return -1 end
local newrev = (tonumber(rev) or 0) + 1
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'rev', newrev)
local id = ARGV[3]
redis.call('HSET', KEYS[2], id, ARGV[5])
local ops = cjson.decode(ARGV[4])
for _, op in ipairs(ops) do
  local k = KEYS[op[2]]
  if op[1] == 'zadd' then redis.call('ZADD', k, op[3], id)
  elseif op[1] == 'zrem' then redis.call('ZREM', k, id)
  elseif op[1] == 'set' then redis.call('SET', k, id)
  elseif op[1] == 'delif' then if redis.call('GET', k) == id then redis.call('DEL', k) end
  elseif op[1] == 'hset' then redis.call('HSET', k, op[3], id)
  end
end
return newrev
`;

// One sequence per case-number prefix and local day; the message key remembers its number, so a re-delivered
// message (or the worker after the bot) reads the same number back instead of taking a new one.
const ALLOCATE_LUA = `
local seq = redis.call('GET', KEYS[1])
if seq then return tonumber(seq) end
seq = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 259200)
redis.call('SET', KEYS[1], seq, 'EX', 604800)
return seq
`;

// A page of an index and the summaries of its cases, read in one step: ids and rows in the same order.
const PAGE_LUA = `
local ids = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2])
if #ids == 0 then return {ids, {}} end
return {ids, redis.call('HMGET', KEYS[2], unpack(ids))}
`;

// Writes rebuilt summaries (KEYS[1] is the summary hash, then one case key per summary) only where the case is
// still at the revision they were built from: a save in between has already written a newer one.
const BACKFILL_LUA = `
for i = 2, #KEYS do
  if redis.call('HGET', KEYS[i], 'rev') == ARGV[i * 3 - 5] then
    redis.call('HSET', KEYS[1], ARGV[i * 3 - 4], ARGV[i * 3 - 3])
  end
end
return 0
`;

type Op = ['zadd', number, string] | ['zrem', number] | ['set', number] | ['delif', number] | ['hset', number, string];

interface CaseRedis extends Redis {
  cunbotSaveCase(...args: Array<string | number>): Promise<number>;
  cunbotAllocateCase(k1: string, k2: string): Promise<number>;
  cunbotBackfillSummaries(...args: Array<string | number>): Promise<number>;
}

interface CasePipeline extends ChainableCommander {
  cunbotCasePage(index: string, summaries: string, start: number, stop: number): this;
}

function withScripts(redis: Redis): CaseRedis {
  const r = redis as CaseRedis;
  if (typeof r.cunbotSaveCase !== 'function') {
    redis.defineCommand('cunbotSaveCase', { lua: SAVE_LUA });
    redis.defineCommand('cunbotAllocateCase', { numberOfKeys: 2, lua: ALLOCATE_LUA });
    redis.defineCommand('cunbotCasePage', { numberOfKeys: 2, lua: PAGE_LUA });
    redis.defineCommand('cunbotBackfillSummaries', { lua: BACKFILL_LUA });
  }
  return r;
}

/** A failed command inside a pipeline fails the whole read. */
function results(res: Array<[Error | null, unknown]> | null): unknown[] {
  const failed = (res ?? []).find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  return (res ?? []).map(([, value]) => value);
}

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

const botEvents = (texts: readonly string[], at: string): CaseEvent[] =>
  texts.map((text) => ({ at, actor: 'bot', type: 'bot_reply', text }));

/**
 * Cases in Redis under their own keys (`<prefix>:cases:…`), apart from BullMQ's, with sorted-set indexes per
 * village, status, intent, urgency and overdue, so an inbox page of 10,000 cases is a set intersection and a
 * range read, never a scan.
 */
export class CaseStore {
  private readonly redis: CaseRedis;
  private readonly p: string;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly timeZone = 'Asia/Shanghai',
  ) {
    this.redis = withScripts(redis);
    this.p = `${prefix}:cases`;
  }

  private caseKey = (id: string) => `${this.p}:c:${id}`;
  private openKey = (residentKey: string) => `${this.p}:open:${residentKey}`;
  private get rankKey() {
    return `${this.p}:rank`;
  }
  private get dueKey() {
    return `${this.p}:due`;
  }
  private villageKey = (v: string) => `${this.p}:v:${v}`;
  private timeKey = (v: string) => `${this.p}:t:${v}`;
  private statusKey = (s: string) => `${this.p}:s:${s}`;
  private intentKey = (i: string) => `${this.p}:i:${i}`;
  private get urgentKey() {
    return `${this.p}:urgent`;
  }
  private get overdueKey() {
    return `${this.p}:overdue`;
  }
  /** One hash of inbox rows, field = case id: a page of them is a single HMGET. */
  private get summaryKey() {
    return `${this.p}:sum`;
  }

  /**
   * Takes the case number for a message before the case exists, so the bot can quote it in its instant reply;
   * the worker later stores the case under exactly this number. The same message key always gets the same one.
   */
  async allocate(prefix: string, sourceKey: string, at: Date): Promise<Allocation> {
    const day = localDay(at, this.timeZone);
    const seq = await this.redis.cunbotAllocateCase(
      `${this.p}:alloc:${sourceKey}`,
      `${this.p}:seq:${prefix}:${day.ymd}`,
    );
    return { id: caseIdFor(prefix, day, seq), number: formatCaseNumber(prefix, day, seq) };
  }

  async get(id: string): Promise<Case | null> {
    const json = await this.redis.hget(this.caseKey(id), 'json');
    return json ? (JSON.parse(json) as Case) : null;
  }

  async getByNumber(number: string): Promise<Case | null> {
    const id = await this.redis.hget(`${this.p}:num`, number);
    return id ? this.get(id) : null;
  }

  /** The id of the resident's open case in a village, if any (residentKey is village + display name). */
  async openCaseFor(residentKey: string): Promise<Case | null> {
    const id = await this.redis.get(this.openKey(residentKey));
    if (!id) return null;
    const c = await this.get(id);
    return c && isOpen(c) ? c : null;
  }

  /**
   * Stores a message as a case, once: a re-delivered message returns the case it already made, and a private
   * message from a resident with an open case joins that case.
   */
  async createOrMerge(raw: CaseInput): Promise<CreateResult> {
    const input = CaseInputSchema.parse(raw);
    // The number is taken (or read back) in the same round trip as the re-delivery check: both are idempotent.
    const at = new Date(input.receivedAt);
    const [known, allocation] = await Promise.all([
      this.redis.hget(`${this.p}:src`, input.sourceKey),
      this.allocate(input.prefix, input.sourceKey, at),
    ]);
    if (known) {
      const existing = await this.get(known);
      if (existing) return { case: existing, created: false, merged: false };
    }
    if (input.joinOpenCase) {
      const open = await this.openCaseFor(input.resident.key);
      if (open) {
        const merged = await this.update(open.id, (c) => {
          if (c.messages.some((m) => m.messageId === input.messageId)) return null;
          const event: CaseEvent = {
            at: input.receivedAt,
            actor: `resident:${input.resident.name}`,
            type: 'merged',
            text: input.text,
          };
          return {
            ...c,
            urgent: c.urgent || input.urgent,
            messages: [
              ...c.messages,
              { at: input.receivedAt, text: input.text, messageId: input.messageId, channel: input.channel },
            ],
            events: [...c.events, event, ...botEvents(input.botReplies, input.receivedAt)],
          };
        });
        await this.redis.hset(`${this.p}:src`, input.sourceKey, merged.id);
        return { case: merged, created: false, merged: true };
      }
    }

    const { id, number } = allocation;
    const now = new Date().toISOString();
    const events: CaseEvent[] = [
      {
        at: input.receivedAt,
        actor: `resident:${input.resident.name}`,
        type: 'created',
        text: input.text,
        data: { intent: input.intent, confidence: input.confidence, urgent: input.urgent },
      },
    ];
    if (input.owner) {
      events.push({
        at: now,
        actor: 'system',
        type: 'assigned',
        text: `${input.owner.role} ${input.owner.name}`,
        data: { owner: input.owner, slaKind: input.slaKind, dueAt: input.dueAt },
      });
    }
    events.push(...botEvents(input.botReplies, now));
    const c: Case = {
      id,
      number,
      village: input.village,
      room: input.room,
      channel: input.channel,
      resident: input.resident,
      intent: input.intent,
      predictedIntent: input.intent,
      confidence: input.confidence,
      topics: input.topics,
      urgent: input.urgent,
      text: input.text,
      messages: [{ at: input.receivedAt, text: input.text, messageId: input.messageId, channel: input.channel }],
      context: input.context,
      status: input.owner ? 'assigned' : 'new',
      owner: input.owner,
      slaKind: input.slaKind,
      receivedAt: input.receivedAt,
      dueAt: input.dueAt,
      firstResponseAt: null,
      resolvedAt: null,
      updatedAt: now,
      events,
    };
    const saved = await this.save(c, null, [['hset', `${this.p}:src`, input.sourceKey]]);
    if (!saved) {
      // Another worker stored this very message first (a stalled job run twice): theirs is the case.
      const existing = await this.get(id);
      if (!existing) throw new CaseConflictError(`case ${id} vanished while being created`);
      return { case: existing, created: false, merged: false };
    }
    return { case: c, created: true, merged: false };
  }

  /**
   * Read-modify-write with retries on concurrent change. `change` returns the new case, or null for "nothing to
   * do". Returns the stored case.
   */
  async update(id: string, change: (c: Case) => Case | null): Promise<Case> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [json, rev] = await this.redis.hmget(this.caseKey(id), 'json', 'rev');
      if (!json || !rev) throw new CaseNotFoundError(`no case ${id}`);
      const before = JSON.parse(json) as Case;
      const next = change(structuredClone(before));
      if (!next) return before;
      next.updatedAt = new Date().toISOString();
      if (await this.save(next, { before, rev })) return next;
    }
    throw new CaseConflictError(`case ${id} kept changing under us; try again`);
  }

  /** Re-saves open cases whose deadline has passed, so they carry the overdue flag (and rank) in every index. */
  async sweepOverdue(now = Date.now()): Promise<number> {
    const ids = await this.redis.zrangebyscore(this.dueKey, '-inf', now, 'LIMIT', 0, 200);
    for (const id of ids) await this.update(id, (c) => c);
    return ids.length;
  }

  /** A page of full cases (with their timelines), for exports and batch work; the inbox reads `summaries`. */
  async list(query: ListQuery = {}): Promise<{ items: Case[]; total: number }> {
    const { page, total } = await this.page<string[]>(query, (pipe, key, start, stop) =>
      pipe.zrevrange(key, start, stop),
    );
    const cases = await this.pipelineGet(page ?? []);
    return { items: cases.filter((c): c is Case => c !== null), total };
  }

  /** A page of the inbox: the stored summaries of its cases, read with the page itself in one round trip. */
  async summaries(query: ListQuery = {}): Promise<{ items: CaseSummary[]; total: number }> {
    const { page, total } = await this.page<[string[], Array<string | null>]>(query, (pipe, key, start, stop) =>
      (pipe as CasePipeline).cunbotCasePage(key, this.summaryKey, start, stop),
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
    const sel = this.select(query, pipe);
    if (!sel) return 0;
    pipe.zcard(sel.key);
    if (sel.temps.length > 0) pipe.del(...sel.temps);
    const out = results(await pipe.exec());
    return Number(out[out.length - (sel.temps.length > 0 ? 2 : 1)] ?? 0);
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
    const now = Date.now();
    const pipe = this.redis.pipeline();
    pipe.zrangebyscore(this.dueKey, '-inf', now, 'LIMIT', 0, 1);
    const sel = this.select(query, pipe);
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
    for (const id of ids) pipe.hmget(this.caseKey(id), 'json', 'rev');
    const found = results(await pipe.exec()) as Array<[string | null, string | null]>;
    const keys: string[] = [this.summaryKey];
    const args: string[] = [];
    const out = new Map<string, CaseSummary>();
    found.forEach(([json, rev], i) => {
      const id = ids[i];
      if (!json || !rev || !id) return;
      const summary = summaryOf(JSON.parse(json) as Case);
      out.set(id, summary);
      keys.push(this.caseKey(id));
      args.push(rev, id, JSON.stringify(summary));
    });
    if (out.size > 0) await this.redis.cunbotBackfillSummaries(keys.length, ...keys, ...args);
    return out;
  }

  /** Cases of some villages received in [from, to), oldest first: for statistics and exports. */
  async receivedBetween(villages: readonly string[], from: Date, to: Date): Promise<Case[]> {
    const pipe = this.redis.pipeline();
    for (const v of villages) pipe.zrangebyscore(this.timeKey(v), from.getTime(), `(${to.getTime()}`);
    const res = await pipe.exec();
    const ids = (res ?? []).flatMap(([, r]) => (r as string[]) ?? []);
    const cases = (await this.pipelineGet(ids)).filter((c): c is Case => c !== null);
    return cases.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  private async pipelineGet(ids: readonly string[]): Promise<Array<Case | null>> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hget(this.caseKey(id), 'json');
    const res = (await pipe.exec()) ?? [];
    return res.map(([, json]) => (typeof json === 'string' ? (JSON.parse(json) as Case) : null));
  }

  /**
   * Queues the commands that build the sorted set answering a query on `pipe`: an index itself, or temporary
   * intersections the caller deletes. Null when the query can match nothing.
   */
  private select(query: CountQuery, pipe: ChainableCommander): { key: string; temps: string[] } | null {
    const temps: string[] = [];
    const tmp = () => {
      const k = `${this.p}:tmp:${process.pid}:${Math.random().toString(36).slice(2)}`;
      temps.push(k);
      return k;
    };
    const sets: string[] = [];
    const union = (keys: string[]) => {
      if (keys.length === 1) return keys[0]!;
      const k = tmp();
      pipe.zunionstore(k, keys.length, ...keys, 'AGGREGATE', 'MAX');
      return k;
    };
    if (query.villages) {
      if (query.villages.length === 0) return null;
      sets.push(union(query.villages.map(this.villageKey)));
    }
    if (query.status !== undefined) {
      const statuses = typeof query.status === 'string' ? [query.status] : [...query.status];
      if (statuses.length === 0) return null;
      sets.push(union(statuses.map(this.statusKey)));
    }
    if (query.intent) sets.push(this.intentKey(query.intent));
    if (query.urgent === true) sets.push(this.urgentKey);
    if (query.overdue === true) sets.push(this.overdueKey);
    const exclude: string[] = [];
    if (query.urgent === false) exclude.push(this.urgentKey);
    if (query.overdue === false) exclude.push(this.overdueKey);

    let key = this.rankKey;
    if (sets.length === 1 && exclude.length === 0) key = sets[0]!;
    else if (sets.length > 0 || exclude.length > 0) {
      const base = sets.length > 0 ? sets : [this.rankKey];
      key = tmp();
      if (base.length === 1) pipe.zunionstore(key, 1, base[0]!);
      else pipe.zinterstore(key, base.length, ...base, 'AGGREGATE', 'MAX');
      if (exclude.length > 0) pipe.zdiffstore(key, 1 + exclude.length, key, ...exclude);
    }
    return { key, temps };
  }

  /** Writes a case if it is still at `prev.rev` (or does not exist yet when prev is null). False on conflict. */
  private async save(c: Case, prev: { before: Case; rev: string } | null, extra: Array<[string, string, string]> = []) {
    CaseSchema.parse(c);
    const now = Date.now();
    const open = isOpen(c);
    const overdue = open && Date.parse(c.dueAt) <= now;
    const rank = String(rankOf(c, overdue));
    const keys: string[] = [this.caseKey(c.id), this.summaryKey];
    const ops: Op[] = [];
    // Lua's KEYS is 1-based: after a push, the new length is the key's index there.
    const k = (key: string) => keys.push(key);

    const wanted = new Set<string>([
      this.rankKey,
      this.villageKey(c.village),
      this.statusKey(c.status),
      this.intentKey(c.intent),
    ]);
    if (c.urgent) wanted.add(this.urgentKey);
    if (overdue) wanted.add(this.overdueKey);
    if (prev) {
      const b = prev.before;
      const had = [this.statusKey(b.status), this.intentKey(b.intent), this.urgentKey, this.overdueKey];
      for (const key of had) if (!wanted.has(key)) ops.push(['zrem', k(key)]);
    }
    for (const key of wanted) ops.push(['zadd', k(key), rank]);
    ops.push(['zadd', k(this.timeKey(c.village)), String(Date.parse(c.receivedAt))]);
    if (open && !overdue) ops.push(['zadd', k(this.dueKey), String(Date.parse(c.dueAt))]);
    else ops.push(['zrem', k(this.dueKey)]);
    ops.push(open ? ['set', k(this.openKey(c.resident.key))] : ['delif', k(this.openKey(c.resident.key))]);
    ops.push(['hset', k(`${this.p}:num`), c.number]);
    for (const [, key, field] of extra) ops.push(['hset', k(key), field]);

    const result = await this.redis.cunbotSaveCase(
      keys.length,
      ...keys,
      prev?.rev ?? '',
      JSON.stringify(c),
      c.id,
      JSON.stringify(ops),
      JSON.stringify(summaryOf(c)),
    );
    return result !== -1;
  }
}
