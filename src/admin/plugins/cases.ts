import fastJson, { type AnySchema } from 'fast-json-stringify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, ROLE_ZH } from '../../cases/access.js';
import { type Case, CaseStatusSchema } from '../../cases/schema.js';
import { IntentSchema } from '../../nlu/types.js';
import { numberOf, type RuleArticle, type Rules } from '../../rules/parse.js';
import type { AdminDeps } from '../app.js';
import { InboxRowSchema, inboxRow, slaClock } from '../case-view.js';
import { casesCsv } from '../csv.js';
import { notFound } from '../errors.js';
import { localDate } from '../local-time.js';

const flag = z.stringbool({ truthy: ['true', '1', 'on'], falsy: ['false', '0', 'off'] });

export const CaseListQuery = z.object({
  village: z.string().max(64).optional(),
  status: CaseStatusSchema.optional(),
  intent: IntentSchema.optional(),
  urgent: flag.optional(),
  overdue: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseListResponse = z.object({
  cases: z.array(InboxRowSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

// The inbox list is the hottest route: Fastify's fast-json-stringify writes the declared fields straight out,
// where the zod serialiser would validate every row again before JSON.stringify.
const fastSerializer = <T>({ schema }: { schema: T }): ((data: unknown) => string) =>
  fastJson(z.toJSONSchema(schema as z.ZodType, { target: 'draft-07', io: 'output' }) as AnySchema);

const IdParams = z.object({ id: z.string().min(1).max(100) });
export const ReplyBody = z.object({
  text: z.string().trim().min(1, 'write the reply').max(2000),
  internal: z.boolean().default(false),
});
export const StatusBody = z.object({ status: CaseStatusSchema, note: z.string().max(2000).optional() });
export const IntentBody = z.object({ intent: IntentSchema });
export const AssignBody = z.object({
  name: z.string().min(1).max(50),
  kind: z.enum(['advisor', 'committee']),
});
export const EscalateBody = z.object({ note: z.string().trim().min(1, 'write a referral note').max(2000) });
const DateParam = z.iso.date().optional();
export const StatsQuery = z.object({ village: z.string().max(64).optional(), from: DateParam, to: DateParam });

/** "第十条", "第10条", "十" or "10" all find article 10; the label is answered as the rules write it. */
export function findArticle(rules: Rules, asked: string): RuleArticle | undefined {
  const bare = asked.trim().replace(/^第/, '').replace(/条$/, '');
  if (!/^([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)$/.test(bare)) return undefined;
  const n = numberOf(bare);
  return rules.articles.find((a) => a.label === asked.trim()) ?? rules.articles.find((a) => a.number === n);
}

/** The person behind a request, as the case service knows them: who, with which role, over which villages. */
export const actorOf = (request: FastifyRequest): Actor => {
  const user = request.user;
  const role = user?.role ?? 'advisor';
  return {
    id: `user:${user?.username ?? 'unknown'}`,
    name: user?.displayName ?? user?.username ?? '',
    role,
    villages: request.villageIds ?? [],
    title: ROLE_ZH[role],
  };
};

/**
 * The case helpers shared by the JSON API and the pages: each turns the request into the acting person and calls
 * the case service, which holds the rules.
 */
declare module 'fastify' {
  interface FastifyInstance {
    loadCase: (request: FastifyRequest, id: string) => Promise<Case>;
    listCases: (request: FastifyRequest, query: CaseListQuery) => Promise<z.infer<typeof CaseListResponse>>;
    replyToCase: (request: FastifyRequest, id: string, text: string, internal: boolean) => Promise<Case>;
    assignCase: (request: FastifyRequest, id: string, name: string, kind: 'advisor' | 'committee') => Promise<Case>;
  }
}

export const casesPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const villageById = new Map(deps.villages.map((v) => [v.id, v]));
  const service = deps.cases;
  const clock = service.store.clock;

  app.decorate('loadCase', (request: FastifyRequest, id: string) => service.get(actorOf(request), id));
  app.decorate('listCases', async (request: FastifyRequest, query: CaseListQuery) => {
    const page = await service.list(actorOf(request), query);
    const now = clock.now().getTime();
    // The store already orders urgent, then overdue, then newest.
    return {
      cases: page.items.map((s) => inboxRow(s, now)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  });
  app.decorate('replyToCase', async (request: FastifyRequest, id: string, text: string, internal: boolean) => {
    const actor = actorOf(request);
    const before = await service.get(actor, id);
    const after = await service.reply(actor, id, { text, internal });
    if (!before.firstResponseAt && after.firstResponseAt) {
      app.observeFirstResponse((Date.parse(after.firstResponseAt) - Date.parse(before.receivedAt)) / 1000);
    }
    return after;
  });
  app.decorate('assignCase', (request: FastifyRequest, id: string, name: string, kind: 'advisor' | 'committee') =>
    service.assign(actorOf(request), id, { name, kind }),
  );

  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { preValidation: [app.requireUser] };
  const write = { preValidation: [app.requireUser, app.csrfForCookie] };
  const detail = (c: Case) => ({
    ...c,
    clock: slaClock(c, clock.now().getTime()),
    owners: service.ownersOf(c.village),
  });

  api.get(
    '/api/cases',
    {
      ...read,
      serializerCompiler: fastSerializer,
      schema: {
        tags: ['cases'],
        summary: 'Cases of my villages, urgent and overdue first (rows without timelines; GET /api/cases/:id for one)',
        querystring: CaseListQuery,
        response: { 200: CaseListResponse },
      },
    },
    (request) => app.listCases(request, request.query),
  );

  api.get(
    '/api/cases.csv',
    {
      ...read,
      schema: {
        tags: ['cases'],
        summary: 'Cases of my villages as CSV (for the township)',
        querystring: CaseListQuery.pick({ village: true, status: true, intent: true }),
      },
    },
    async (request, reply) => {
      const cases = await service.export(actorOf(request), request.query);
      const timeZone = deps.config.TIMEZONE;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cases-${localDate(clock.now().getTime(), timeZone)}.csv"`)
        .send(casesCsv(cases, villageById, timeZone));
    },
  );

  api.get(
    '/api/cases/:id',
    { ...read, schema: { tags: ['cases'], summary: 'One case with its timeline', params: IdParams } },
    async (request) => detail(await app.loadCase(request, request.params.id)),
  );

  api.post(
    '/api/cases/:id/replies',
    {
      ...write,
      schema: {
        tags: ['cases'],
        summary: 'Answer the resident, or add an internal note (internal: true) that never reaches WeChat',
        params: IdParams,
        body: ReplyBody,
      },
    },
    async (request) =>
      detail(await app.replyToCase(request, request.params.id, request.body.text, request.body.internal)),
  );

  api.post(
    '/api/cases/:id/status',
    {
      ...write,
      schema: { tags: ['cases'], summary: 'Change the status (close, reopen…)', params: IdParams, body: StatusBody },
    },
    async (request) =>
      detail(await service.setStatus(actorOf(request), request.params.id, request.body.status, request.body.note)),
  );

  api.post(
    '/api/cases/:id/intent',
    {
      ...write,
      schema: {
        tags: ['cases'],
        summary: 'Correct the intent (kept as a training example)',
        params: IdParams,
        body: IntentBody,
      },
    },
    async (request) => detail(await service.correctIntent(actorOf(request), request.params.id, request.body.intent)),
  );

  api.post(
    '/api/cases/:id/assign',
    {
      ...write,
      schema: {
        tags: ['cases'],
        summary: "Hand the case to one of the village's advisors or committee members",
        params: IdParams,
        body: AssignBody,
      },
    },
    async (request) => detail(await app.assignCase(request, request.params.id, request.body.name, request.body.kind)),
  );

  api.post(
    '/api/cases/:id/escalate',
    {
      ...write,
      schema: {
        tags: ['cases'],
        summary: 'Escalate to the township with a referral note',
        params: IdParams,
        body: EscalateBody,
      },
    },
    async (request) => detail(await service.escalate(actorOf(request), request.params.id, request.body.note)),
  );

  api.get(
    '/api/villages/:id/rules/:article',
    {
      ...read,
      schema: {
        tags: ['villages'],
        summary: 'One article of the village rules (村规民约), e.g. 第十条, for a canned reply',
        params: z.object({ id: z.string().max(64), article: z.string().max(20) }),
      },
    },
    async (request) => {
      const { id, article } = request.params;
      const rules = request.villageIds.includes(id) ? deps.loaded.find((v) => v.village.id === id)?.rules : undefined;
      const found = rules ? findArticle(rules, article) : undefined;
      if (!rules || !found) throw notFound();
      return { village: id, title: rules.title, label: found.label, chapter: found.chapter, text: found.text };
    },
  );
});
