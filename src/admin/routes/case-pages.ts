import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { refusalFor } from '../../cases/access.js';
import type { Case, MediationOutcome } from '../../cases/schema.js';
import { DEFAULT_TEMPLATES_DIR } from '../../cases/templates.js';
import { loadCanned } from '../../villages/canned.js';
import { actorOf } from '../actor.js';
import type { AdminDeps } from '../deps.js';
import { caseView } from '../pages/case.js';
import { mediationPanel } from '../pages/mediation.js';
import { proposalPanel } from '../pages/proposals.js';
import { AssignForm, CasePageQuery, EscalateForm, IntentForm, ReplyForm, StatusForm } from '../schemas/cases.js';
import { MediationForm } from '../schemas/mediation.js';
import { IdParams } from '../schemas/shared.js';

const NOTICES: Record<string, string> = {
  reply: '答复已发出，正在排队发送到微信。',
  note: '内部备注已保存（不会发到微信）。',
  status: '状态已更改。',
  intent: '类别已更正，会用于改进识别。',
  assign: '已改派。',
  escalate: '已上报乡镇。',
  proposal: '议事协商进度已记录。',
  mediating: '已记录：本级调解开始。',
  settled: '已记录：调解成功。',
  unsettled: '已记录：本级调解未成功。',
  withdrawn: '已记录：当事人撤回调解。',
  unchanged: '没有变化：和原来一样。',
};
/** The notice after a mediation step: how the rung ended, or that mediation began there. */
const MEDIATED: Record<MediationOutcome, string> = { 调解成功: 'settled', 未成功: 'unsettled', 撤回: 'withdrawn' };

/** The case page and its forms; each form posts back here and lands on the page again with a notice. */
export default async function casePageRoutes(app: FastifyInstance, deps: AdminDeps) {
  const villageById = new Map(deps.villages.map((v) => [v.id, v]));
  // Read and checked once at start: a broken canned.txt stops the service with the file and line named.
  const defaultCanned = join(DEFAULT_TEMPLATES_DIR, 'canned.txt');
  const canned = new Map(deps.loaded.map((v) => [v.village.id, loadCanned(v.dir, defaultCanned)]));
  const timeZone = deps.config.TIMEZONE;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true } as const;
  const read = { preValidation: [app.requireUser] };
  const write = { preValidation: [app.requireUser, app.csrfForCookie] };

  /** The names of the staff on a case's timeline, by login. */
  async function staffNames(c: Case): Promise<Map<string, string>> {
    const logins = [...new Set(c.events.flatMap((e) => (e.actor.startsWith('user:') ? [e.actor.slice(5)] : [])))];
    const users = await Promise.all(logins.map((login) => deps.users.get(login)));
    return new Map(users.flatMap((u) => (u ? [[u.username, u.displayName ?? u.username] as const] : [])));
  }

  pages.get(
    '/cases/:id',
    { ...read, schema: { ...hide, params: IdParams, querystring: CasePageQuery } },
    async (request, reply) => {
      const c = await app.loadCase(request, request.params.id);
      const village = villageById.get(c.village);
      const notice = request.query.done ? NOTICES[request.query.done] : undefined;
      const csrfToken = reply.generateCsrf();
      const proposal =
        c.intent === 'proposal'
          ? proposalPanel({ caseId: c.id, proposal: await deps.proposals.get(c.id), csrfToken, timeZone })
          : undefined;
      const mediation =
        c.intent === 'dispute_report'
          ? mediationPanel({
              c,
              village,
              people: deps.cases.peopleOf(c.village),
              csrfToken,
              timeZone,
              refusal: refusalFor(actorOf(request), 'mediate', c),
            })
          : undefined;
      const owners = deps.cases.ownersOf(c.village);
      const names = await staffNames(c);
      return reply.page({
        title: `案件 ${c.number}`,
        body: caseView({
          c,
          village,
          owners,
          csrfToken,
          notice,
          proposal,
          mediation,
          timeZone,
          now: Date.now(),
          names,
          canned: canned.get(c.village) ?? [],
        }),
        scripts: ['/assets/case.js', '/assets/live.js'],
      });
    },
  );

  // A no-op action (the same intent, the same person) returns the case as it was, with no new timeline line.
  const changed = (before: Case, after: Case) => after.events.length > before.events.length;
  const back = (reply: FastifyReply, id: string, done: string) =>
    reply.redirect(`/cases/${encodeURIComponent(id)}?done=${done}`, 303);

  pages.post(
    '/cases/:id/reply',
    {
      ...write,
      schema: {
        ...hide,
        params: IdParams,
        body: ReplyForm,
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
        body: StatusForm,
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
    { ...write, schema: { ...hide, params: IdParams, body: IntentForm } },
    async (request, reply) => {
      const before = await app.loadCase(request, request.params.id);
      const after = await deps.cases.correctIntent(actorOf(request), request.params.id, request.body.intent);
      return back(reply, request.params.id, changed(before, after) ? 'intent' : 'unchanged');
    },
  );

  pages.post(
    '/cases/:id/assign',
    { ...write, schema: { ...hide, params: IdParams, body: AssignForm } },
    async (request, reply) => {
      const { kind, name } = request.body.owner;
      const before = await app.loadCase(request, request.params.id);
      const after = await app.assignCase(request, request.params.id, name, kind);
      return back(reply, request.params.id, changed(before, after) ? 'assign' : 'unchanged');
    },
  );

  pages.post(
    '/cases/:id/escalate',
    { ...write, schema: { ...hide, params: IdParams, body: EscalateForm } },
    async (request, reply) => {
      await deps.cases.escalate(actorOf(request), request.params.id, request.body.note);
      return back(reply, request.params.id, 'escalate');
    },
  );

  pages.post(
    '/cases/:id/mediation',
    { ...write, schema: { ...hide, params: IdParams, body: MediationForm } },
    async (request, reply) => {
      const { outcome } = request.body;
      await deps.cases.mediate(actorOf(request), request.params.id, request.body);
      return back(reply, request.params.id, outcome ? MEDIATED[outcome] : 'mediating');
    },
  );
}
