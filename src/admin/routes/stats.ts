import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../deps.js';
import { dashboardView } from '../pages/dashboard.js';
import { DashboardQuery, StatsQuery } from '../schemas/stats.js';

export default async function statsRoutes(app: FastifyInstance, deps: AdminDeps) {
  const villageName = (id: string) => deps.villages.find((v) => v.id === id)?.name ?? id;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
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

  api.get(
    '/dashboard',
    { preValidation: [app.requireUser], schema: { hide: true, querystring: DashboardQuery } },
    async (request, reply) => {
      const stats = await app.statsFor(request, request.query);
      return reply.page({
        title: '统计',
        body: dashboardView({
          stats,
          villages: deps.villages.filter((v) => request.villageIds.includes(v.id)),
          filters: request.query,
          villageName,
        }),
      });
    },
  );
}
