import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../actor.js';
import type { AdminDeps } from '../deps.js';
import { MediationBody } from '../schemas/mediation.js';
import { IdParams } from '../schemas/shared.js';

/** 人民调解: a dispute's steps up the mediation ladder, each with its people and outcome, through the case service. */
export default async function mediationRoutes(app: FastifyInstance, deps: AdminDeps) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/cases/:id/mediation',
    {
      preValidation: [app.requireUser, app.csrfForCookie],
      schema: {
        tags: ['cases'],
        summary: 'Record a mediation step (村民小组 → 村调委会 → 镇司法所 → 法院/仲裁) and its outcome',
        params: IdParams,
        body: MediationBody,
      },
    },
    (request) => deps.cases.mediate(actorOf(request), request.params.id, request.body),
  );
}
