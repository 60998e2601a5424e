import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../app.js';
import { computeStats, type Stats, type StatsRange } from '../stats.js';
import { actorOf, StatsQuery } from './cases.js';

const DAY = 86_400_000;

declare module 'fastify' {
  interface FastifyInstance {
    statsFor: (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => Promise<Stats>;
  }
}

export const statsPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const clock = deps.cases.store.clock;
  app.decorate('statsFor', async (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => {
    const now = clock.now();
    const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(0);
    const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY) : new Date(now.getTime() + 60_000);
    const cases = await deps.cases.receivedBetween(actorOf(request), query.village, from, to);
    return computeStats(cases, query, now.getTime());
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/stats',
    {
      preValidation: [app.requireUser],
      schema: {
        tags: ['stats'],
        summary:
          'Counts by intent, status and village; 响应率, 解决率; times to response and resolution; weekly series',
        querystring: StatsQuery,
      },
    },
    (request) => app.statsFor(request, request.query),
  );
});
