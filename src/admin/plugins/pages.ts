import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseStatusSchema } from '../../cases/schema.js';
import { IntentSchema } from '../../nlu/types.js';
import type { AdminDeps } from '../app.js';
import { HttpError } from '../errors.js';
import { caseView } from '../pages/case.js';
import { dashboardView } from '../pages/dashboard.js';
import { inboxView } from '../pages/inbox.js';
import { loginView } from '../pages/login.js';
import { proposalPanel } from '../pages/proposals.js';
import { safeNext } from '../safe-next.js';
import { actorOf, StatsQuery } from './cases.js';

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const InboxQuery = z.object({
  village: z.preprocess(emptyAsUndefined, z.string().max(64).optional()),
  status: z.preprocess(emptyAsUndefined, CaseStatusSchema.optional()),
  intent: z.preprocess(emptyAsUndefined, IntentSchema.optional()),
  urgent: checkbox,
  overdue: checkbox,
  offset: z.coerce.number().int().min(0).default(0),
});
const DashboardQuery = z.object({
  village: z.preprocess(emptyAsUndefined, StatsQuery.shape.village),
  from: z.preprocess(emptyAsUndefined, StatsQuery.shape.from),
  to: z.preprocess(emptyAsUndefined, StatsQuery.shape.to),
});
const IdParams = z.object({ id: z.string().min(1).max(100) });
const LoginForm = z.object({
  username: z.string().max(64).default(''),
  password: z.string().max(200).default(''),
  next: z.string().max(500).default('/inbox'),
});

const PAGE_SIZE = 20;
const NOTICES: Record<string, string> = {
  reply: '答复已发出，正在排队发送到微信。',
  note: '内部备注已保存（不会发到微信）。',
  status: '状态已更改。',
  intent: '类别已更正，会用于改进识别。',
  assign: '已改派。',
  escalate: '已上报乡镇。',
  proposal: '议事协商进度已记录。',
};

/** Server-rendered Chinese pages: login, inbox, case, dashboard. Forms post back with a CSRF token. */
export const pagesPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const villageById = new Map(deps.villages.map((v) => [v.id, v]));
  const villageName = (id: string) => villageById.get(id)?.name ?? id;
  const myVillages = (request: FastifyRequest) => deps.villages.filter((v) => request.villageIds.includes(v.id));
  const timeZone = deps.config.TIMEZONE;

  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true } as const;
  const read = { preValidation: [app.requireUser] };
  const write = { preValidation: [app.requireUser, app.csrfForCookie] };

  // Browsers ask for it on every first visit; an empty answer keeps the logs and the console quiet.
  pages.get('/favicon.ico', { schema: hide }, (_request, reply) => reply.code(204).send());

  pages.get('/', { schema: hide }, (request, reply) => reply.redirect(request.user ? '/inbox' : '/login'));

  pages.get(
    '/login',
    { schema: { ...hide, querystring: z.object({ next: z.string().max(500).default('/inbox') }) } },
    (request, reply) =>
      reply.page({
        title: '登录',
        body: loginView({ csrfToken: reply.generateCsrf(), next: safeNext(request.query.next) }),
      }),
  );

  pages.post(
    '/login',
    {
      preValidation: [app.csrfProtection],
      config: { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: { ...hide, body: LoginForm },
    },
    async (request, reply) => {
      const { username, password, next } = request.body;
      const login = username && password ? await app.logIn(request, reply, username, password) : undefined;
      if (!login) {
        reply.code(401);
        const error = username && password ? '用户名或密码不对，请再试一次。' : '请填写用户名和密码。';
        return reply.page({
          title: '登录',
          body: loginView({ csrfToken: reply.generateCsrf(), next: safeNext(next), error, username }),
        });
      }
      return reply.redirect(safeNext(next), 303);
    },
  );

  pages.post('/logout', { ...write, schema: hide }, async (request, reply) => {
    await app.endSession(request, reply);
    return reply.redirect('/login', 303);
  });

  pages.get('/inbox', { ...read, schema: { ...hide, querystring: InboxQuery } }, async (request, reply) => {
    const filters = { ...request.query, limit: PAGE_SIZE };
    // An unticked box means "no filter", not "only non-urgent".
    const list = await app.listCases(request, {
      ...filters,
      urgent: filters.urgent || undefined,
      overdue: filters.overdue || undefined,
    });
    return reply.page({
      title: '案件',
      body: inboxView({
        rows: list.cases,
        total: list.total,
        filters,
        villages: myVillages(request),
        villageName,
        timeZone,
      }),
    });
  });

  pages.get(
    '/cases/:id',
    { ...read, schema: { ...hide, params: IdParams, querystring: z.object({ done: z.string().max(20).optional() }) } },
    async (request, reply) => {
      const c = await app.loadCase(request, request.params.id);
      const village = villageById.get(c.village);
      const notice = request.query.done ? NOTICES[request.query.done] : undefined;
      const csrfToken = reply.generateCsrf();
      const proposal =
        c.intent === 'proposal'
          ? proposalPanel({ caseId: c.id, proposal: await deps.proposals.get(c.id), csrfToken, timeZone })
          : undefined;
      const owners = deps.cases.ownersOf(c.village);
      return reply.page({
        title: `案件 ${c.number}`,
        body: caseView({ c, village, owners, csrfToken, notice, proposal, timeZone, now: Date.now() }),
        scripts: ['/assets/case.js'],
      });
    },
  );

  const back = (reply: FastifyReply, id: string, done: string) =>
    reply.redirect(`/cases/${encodeURIComponent(id)}?done=${done}`, 303);

  pages.post(
    '/cases/:id/reply',
    {
      ...write,
      schema: {
        ...hide,
        params: IdParams,
        body: z.object({
          text: z.string().trim().min(1).max(2000),
          internal: z.enum(['true', 'false']).default('false'),
        }),
      },
    },
    async (request, reply) => {
      const internal = request.body.internal === 'true';
      await app.replyToCase(request, request.params.id, request.body.text, internal);
      return back(reply, request.params.id, internal ? 'note' : 'reply');
    },
  );

  pages.post(
    '/cases/:id/status',
    {
      ...write,
      schema: {
        ...hide,
        params: IdParams,
        body: z.object({ status: CaseStatusSchema, note: z.string().max(2000).optional() }),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await deps.cases.setStatus(actorOf(request), id, request.body.status, request.body.note || undefined);
      return back(reply, id, 'status');
    },
  );

  pages.post(
    '/cases/:id/intent',
    { ...write, schema: { ...hide, params: IdParams, body: z.object({ intent: IntentSchema }) } },
    async (request, reply) => {
      await deps.cases.correctIntent(actorOf(request), request.params.id, request.body.intent);
      return back(reply, request.params.id, 'intent');
    },
  );

  pages.post(
    '/cases/:id/assign',
    { ...write, schema: { ...hide, params: IdParams, body: z.object({ owner: z.string().max(100) }) } },
    async (request, reply) => {
      const [kind, name] = request.body.owner.split(/:(.*)/s);
      if ((kind !== 'advisor' && kind !== 'committee') || !name) {
        throw new HttpError(
          400,
          'invalid request: owner must be "advisor:<name>" or "committee:<name>"',
          '请选择改派的人。',
        );
      }
      await app.assignCase(request, request.params.id, name, kind);
      return back(reply, request.params.id, 'assign');
    },
  );

  pages.post(
    '/cases/:id/escalate',
    { ...write, schema: { ...hide, params: IdParams, body: z.object({ note: z.string().trim().min(1).max(2000) }) } },
    async (request, reply) => {
      await deps.cases.escalate(actorOf(request), request.params.id, request.body.note);
      return back(reply, request.params.id, 'escalate');
    },
  );

  pages.get('/dashboard', { ...read, schema: { ...hide, querystring: DashboardQuery } }, async (request, reply) => {
    const stats = await app.statsFor(request, request.query);
    return reply.page({
      title: '统计',
      body: dashboardView({ stats, villages: myVillages(request), filters: request.query, villageName }),
    });
  });
});
