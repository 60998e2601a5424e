import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MediationLevelSchema, MediationOutcomeSchema } from '../../cases/schema.js';
import { actorOf } from '../actor.js';
import type { AdminDeps } from '../deps.js';

const MediationBody = z.object({
  /** group 村民小组, village 村调委会, township 镇司法所/人民调解委员会, court 法院/仲裁. */
  level: MediationLevelSchema,
  /** How it ended at this level; absent while mediation there goes on. */
  outcome: MediationOutcomeSchema.optional(),
  note: z.string().trim().max(2000).default(''),
});

/** 人民调解: a dispute's steps up the mediation ladder, each with its people and outcome, through the case service. */
export default async function mediationRoutes(app: FastifyInstance, deps: AdminDeps) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/cases/:id/mediation',
    {
      preValidation: [app.requireUser],
      schema: {
        tags: ['cases'],
        summary: 'Record a mediation step (村民小组 → 村调委会 → 镇司法所 → 法院/仲裁) and its outcome',
        params: z.object({ id: z.string().min(1).max(100) }),
        body: MediationBody,
      },
    },
    (request) => deps.cases.mediate(actorOf(request), request.params.id, request.body),
  );
}
