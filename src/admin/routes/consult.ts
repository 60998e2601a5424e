import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConsultService } from '../../cases/consult.js';
import { ForbiddenError, UserFacingError } from '../../config/errors.js';
import { isOpen } from '../../proposals/consultation.js';
import { consultationReport } from '../../proposals/report.js';
import { actorOf } from '../actor.js';
import { consultationCsv } from '../consultation-csv.js';
import type { AdminDeps } from '../deps.js';
import { consultationView } from '../pages/consultation.js';
import { residentsView } from '../pages/residents.js';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const OpenBody = z.object({
  text: z.string().trim().min(1).max(2000),
  hours: z.coerce.number().positive().max(1440),
});
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(20).optional());
const BindBody = z.object({
  village: z.string().min(1).max(64),
  wechatName: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(20),
  group: optional,
  household: optional,
});
const ConfirmBody = z.object({ village: z.string().min(1).max(64), wechatName: z.string().trim().min(1).max(100) });
const VillageQuery = z.object({ village: z.string().max(64).optional() });

/** 意见征集 and 村民名册 in the workbench; names of who said what are the committee's only. */
export default async function consultRoutes(app: FastifyInstance, deps: AdminDeps) {
  const consult = (): ConsultService => {
    if (!deps.cases.consult) throw new UserFacingError('consultations are not wired', '意见征集未启用。', 503);
    return deps.cases.consult;
  };
  const committee = (request: FastifyRequest, village: string) => {
    const actor = actorOf(request);
    if (!actor.villages.includes(village) || (actor.role !== 'committee' && actor.role !== 'admin')) {
      throw new ForbiddenError(
        `${actor.id} may not see ${village}'s voices`,
        '只有本村村两委可以查看村民的意见和名册。',
      );
    }
    return actor;
  };
  const rosterOf = (village: string) => deps.loaded.find((v) => v.village.id === village)?.residents ?? [];
  const report = async (request: FastifyRequest, id: string) => {
    const c = await deps.cases.get(actorOf(request), id);
    committee(request, c.village);
    const found = await consult().get(c.id);
    return { c, report: found && consultationReport(found, rosterOf(c.village)) };
  };
  const villageOf = (request: FastifyRequest, asked?: string) => {
    const id = asked ?? actorOf(request).villages[0] ?? '';
    const v = deps.villages.find((x) => x.id === id);
    if (!v) throw new UserFacingError(`no village ${id}`, '没有这个村。', 404);
    committee(request, v.id);
    return v;
  };
  const api = app.withTypeProvider<ZodTypeProvider>();
  const user = { preValidation: [app.requireUser] };
  const post = { preValidation: [app.requireUser, app.csrfForCookie] };

  api.get(
    '/api/cases/:id/consultation',
    { ...user, schema: { tags: ['proposals'], params: IdParams } },
    async (request) => {
      const { report: r } = await report(request, request.params.id);
      return { consultation: r };
    },
  );
  api.post(
    '/api/cases/:id/consultation',
    {
      ...post,
      schema: { tags: ['proposals'], summary: 'Open 意见征集 on a proposal', params: IdParams, body: OpenBody },
    },
    async (request) => ({
      consultation: await consult().start(actorOf(request), request.params.id, request.body.text, request.body.hours),
    }),
  );
  api.get(
    '/api/cases/:id/consultation.csv',
    { ...user, schema: { tags: ['proposals'], params: IdParams } },
    async (request, reply) => {
      const { c, report: r } = await report(request, request.params.id);
      if (!r) throw new UserFacingError('no consultation yet', '这项建议还没有征集意见。', 404);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="consultation-${c.number}.csv"`)
        .send(consultationCsv(r, deps.config.TIMEZONE));
    },
  );
  api.get('/cases/:id/consultation', { ...user, schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const { c, report: r } = await report(request, request.params.id);
    return reply.page({
      title: `意见征集 ${c.number}`,
      body: consultationView({
        caseId: c.id,
        number: c.number,
        report: r,
        csrfToken: reply.generateCsrf(),
        timeZone: deps.config.TIMEZONE,
        open: r ? isOpen(r.consultation, deps.cases.store.clock.now()) : false,
      }),
    });
  });
  api.post(
    '/cases/:id/consultation',
    { ...post, schema: { hide: true, params: IdParams, body: OpenBody } },
    async (request, reply) => {
      await consult().start(actorOf(request), request.params.id, request.body.text, request.body.hours);
      return reply.redirect(`/cases/${encodeURIComponent(request.params.id)}/consultation`, 303);
    },
  );

  api.get(
    '/api/residents',
    { ...user, schema: { tags: ['residents'], querystring: VillageQuery } },
    async (request) => {
      const v = villageOf(request, request.query.village);
      const b = consult().bindings;
      return { roster: rosterOf(v.id), bindings: await b.bindings(v.id), pending: await b.pending(v.id) };
    },
  );
  const bind = (request: FastifyRequest, body: z.infer<typeof BindBody>) =>
    consult().bindings.bind(committee(request, body.village), body.village, body.wechatName, body);
  const confirm = (request: FastifyRequest, body: z.infer<typeof ConfirmBody>) =>
    consult().bindings.confirm(committee(request, body.village), body.village, body.wechatName);
  api.post('/api/residents/bind', { ...post, schema: { tags: ['residents'], body: BindBody } }, (r) => bind(r, r.body));
  api.post('/api/residents/confirm', { ...post, schema: { tags: ['residents'], body: ConfirmBody } }, (r) =>
    confirm(r, r.body),
  );
  api.get('/residents', { ...user, schema: { hide: true, querystring: VillageQuery } }, async (request, reply) => {
    const v = villageOf(request, request.query.village);
    const b = consult().bindings;
    return reply.page({
      title: '村民名册',
      body: residentsView({
        village: v,
        roster: rosterOf(v.id),
        bindings: await b.bindings(v.id),
        pending: await b.pending(v.id),
        csrfToken: reply.generateCsrf(),
        timeZone: deps.config.TIMEZONE,
      }),
    });
  });
  api.post('/residents/bind', { ...post, schema: { hide: true, body: BindBody } }, async (request, reply) => {
    await bind(request, request.body);
    return reply.redirect(`/residents?village=${encodeURIComponent(request.body.village)}`, 303);
  });
  api.post('/residents/confirm', { ...post, schema: { hide: true, body: ConfirmBody } }, async (request, reply) => {
    await confirm(request, request.body);
    return reply.redirect(`/residents?village=${encodeURIComponent(request.body.village)}`, 303);
  });
}
