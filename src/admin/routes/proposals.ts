import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.js';
import type { AdminDeps } from '../deps.js';
import { proposalsView } from '../pages/proposals.js';
import { AdvanceBody, AdvanceForm, ProposalListQuery } from '../schemas/proposals.js';
import { IdParams } from '../schemas/shared.js';

/** 议事协商: proposals go through 四议两公开, each step written on the case timeline (the case service). */
export default async function proposalRoutes(app: FastifyInstance, deps: AdminDeps) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/proposals',
    {
      preValidation: [app.requireUser],
      schema: {
        tags: ['proposals'],
        summary: 'Proposal cases of my villages with their 四议两公开 stage',
        querystring: ProposalListQuery,
      },
    },
    async (request) => {
      const page = await deps.cases.proposalCases(actorOf(request), request.query.village);
      return {
        proposals: page.cases.map((c) => ({
          id: c.id,
          number: c.number,
          village: c.village,
          resident: c.resident.name,
          text: c.text,
          status: c.status,
          proposal: page.proposals.get(c.id) ?? null,
        })),
        total: page.total,
      };
    },
  );

  api.post(
    '/api/cases/:id/proposal',
    {
      preValidation: [app.requireUser, app.csrfForCookie],
      schema: {
        tags: ['proposals'],
        summary: 'Move a proposal to its next 四议两公开 stage (the vote needs counts)',
        params: IdParams,
        body: AdvanceBody,
      },
    },
    (request) => deps.cases.advanceProposal(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/cases/:id/proposal',
    {
      preValidation: [app.requireUser, app.csrfForCookie],
      schema: { hide: true, params: IdParams, body: AdvanceForm },
    },
    async (request, reply) => {
      const { stage, note, announce } = request.body;
      const votes = { for: request.body.for, against: request.body.against, abstain: request.body.abstain };
      await deps.cases.advanceProposal(actorOf(request), request.params.id, {
        stage,
        note,
        announce: announce === 'on',
        ...(stage === 'resolved' ? { votes } : {}),
      });
      return reply.redirect(`/cases/${encodeURIComponent(request.params.id)}?done=proposal`, 303);
    },
  );

  api.get('/proposals', { preValidation: [app.requireUser], schema: { hide: true } }, async (request, reply) => {
    const { cases, proposals } = await deps.cases.proposalCases(actorOf(request));
    return reply.page({
      title: '议事协商',
      body: proposalsView({ cases, proposals, timeZone: deps.config.TIMEZONE }),
    });
  });
}
