import fastJson, { type AnySchema } from 'fast-json-stringify';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Case } from '../../cases/schema.js';
import { actorOf } from '../actor.js';
import { slaClock } from '../case-view.js';
import { casesCsv } from '../csv.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { findArticle } from '../find-article.js';
import { localDate } from '../local-time.js';
import {
  ArticleParams,
  AssignBody,
  CaseListQuery,
  CaseListResponse,
  CsvQuery,
  EscalateBody,
  IntentBody,
  ReplyBody,
  StatusBody,
} from '../schemas/cases.js';
import { IdParams } from '../schemas/shared.js';

// The inbox list is the hottest route: Fastify's fast-json-stringify writes the declared fields straight out,
// where the zod serialiser would validate every row again before JSON.stringify.
const fastSerializer = <T>({ schema }: { schema: T }): ((data: unknown) => string) =>
  fastJson(z.toJSONSchema(schema as z.ZodType, { target: 'draft-07', io: 'output' }) as AnySchema);

/** The JSON API over cases: each route parses its input and calls the case service. */
export default async function caseRoutes(app: FastifyInstance, deps: AdminDeps) {
  const service = deps.cases;
  const clock = service.store.clock;
  const villageById = new Map(deps.villages.map((v) => [v.id, v]));
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
      schema: { tags: ['cases'], summary: 'Cases of my villages as CSV (for the township)', querystring: CsvQuery },
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
        params: ArticleParams,
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
}
