import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../app.js';
import { computeStats, type Stats, type StatsRange, statsWindow } from '../stats.js';
import { StatsRunner } from '../stats-runner.js';
import { actorOf, StatsQuery } from './cases.js';

declare module 'fastify' {
  interface FastifyInstance {
    statsFor: (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => Promise<Stats>;
  }
}

export const statsPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const runner = new StatsRunner<Stats>();
  const clock = deps.cases.store.clock;
  app.decorate('statsFor', async (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => {
    const now = clock.now().getTime();
    const timeZone = deps.config.TIMEZONE;
    const { from, to } = statsWindow(query, timeZone, now);
    const actor = actorOf(request);
    const key = JSON.stringify([request.villageIds, query.village, query.from, query.to]);
    return runner.run(key, async () => {
      const cases = await deps.cases.receivedBetween(actor, query.village, from, to);
      return computeStats(cases, query, { now, timeZone });
    });
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
