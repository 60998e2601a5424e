import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Case } from '../../cases/schema.js';
import { type Proposal, STAGE_ZH, StageSchema, type Votes, VotesSchema } from '../../proposals/process.js';
import type { AdminDeps } from '../app.js';
import { HttpError } from '../errors.js';
import { proposalsView } from '../pages/proposals.js';
import { actorOf, signerOf } from './cases.js';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const AdvanceBody = z.object({
  stage: StageSchema,
  note: z.string().trim().min(1, 'write what was decided or discussed').max(2000),
  votes: VotesSchema.optional(),
  /** At 公开: also tell the group (the proposer is answered there). */
  announce: z.boolean().default(false),
});
const count = z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number().int().min(0).max(10_000));
const AdvanceForm = z.object({
  stage: StageSchema,
  note: z.string().trim().min(1).max(2000),
  for: count,
  against: count,
  abstain: count,
  announce: z.string().optional(),
});

const votesText = (v: Votes) => `赞成 ${v.for}，反对 ${v.against}，弃权 ${v.abstain}`;

declare module 'fastify' {
  interface FastifyInstance {
    advanceProposal: (
      request: FastifyRequest,
      id: string,
      input: z.infer<typeof AdvanceBody>,
    ) => Promise<{ proposal: Proposal; case: Case }>;
  }
}

/** 议事协商: proposals go through 四议两公开, each step written on the case timeline. */
export const proposalsPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  app.decorate('advanceProposal', async (request: FastifyRequest, id: string, input: z.infer<typeof AdvanceBody>) => {
    const c = await app.loadCase(request, id);
    if (c.intent !== 'proposal') {
      throw new HttpError(409, 'Conflict: only proposal cases go to 议事协商', '只有议事建议类案件才能进入议事协商。');
    }
    const actor = actorOf(request);
    const proposal = await deps.proposals.advance({
      caseId: c.id,
      village: c.village,
      stage: input.stage,
      note: input.note,
      actor,
      votes: input.votes,
    });
    const outcome =
      proposal.stage === 'resolved' ? `（${votesText(input.votes!)}，${proposal.adopted ? '通过' : '未通过'}）` : '';
    let updated = await deps.cases.replyToCase(c.id, {
      text: `议事协商 · ${STAGE_ZH[proposal.stage]}：${input.note}${outcome}`,
      internal: true,
      actor,
      by: signerOf(request),
    });
    if (proposal.stage === 'published' && input.announce) {
      updated = await app.replyToCase(request, c.id, `【议事结果】${input.note}`, false);
    }
    return { proposal, case: updated };
  });

  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/proposals',
    {
      preValidation: [app.requireUser],
      schema: {
        tags: ['proposals'],
        summary: 'Proposal cases of my villages with their 四议两公开 stage',
        querystring: z.object({ village: z.string().max(64).optional() }),
      },
    },
    async (request) => {
      const villages = request.query.village
        ? request.villageIds.filter((v) => v === request.query.village)
        : request.villageIds;
      const page = villages.length
        ? await deps.cases.store.list({ villages, intent: 'proposal', limit: 200 })
        : { items: [], total: 0 };
      const proposals = await deps.proposals.getMany(page.items.map((c) => c.id));
      return {
        proposals: page.items.map((c) => ({
          id: c.id,
          number: c.number,
          village: c.village,
          resident: c.resident.name,
          text: c.text,
          status: c.status,
          proposal: proposals.get(c.id) ?? null,
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
    (request) => app.advanceProposal(request, request.params.id, request.body),
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
      await app.advanceProposal(request, request.params.id, {
        stage,
        note,
        announce: announce === 'on',
        ...(stage === 'resolved' ? { votes } : {}),
      });
      return reply.redirect(`/cases/${encodeURIComponent(request.params.id)}?done=proposal`, 303);
    },
  );

  api.get('/proposals', { preValidation: [app.requireUser], schema: { hide: true } }, async (request, reply) => {
    const villages = request.villageIds;
    const page = villages.length
      ? await deps.cases.store.list({ villages, intent: 'proposal', limit: 200 })
      : { items: [], total: 0 };
    const proposals = await deps.proposals.getMany(page.items.map((c) => c.id));
    return reply.page({
      title: '议事协商',
      body: proposalsView({ cases: page.items, proposals, timeZone: deps.config.TIMEZONE }),
    });
  });
});
