import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

export default async function metricsRoutes(app: FastifyInstance) {
  app.get(
    '/metrics',
    {
      schema: { tags: ['ops'], summary: 'Prometheus metrics (Authorization: Bearer <METRICS_TOKEN>, or an admin)' },
    },
    async (request, reply) => {
      if (!app.metrics.allowed(request)) {
        throw new HttpError(
          401,
          'Unauthorized: send Authorization: Bearer <METRICS_TOKEN>, or log in as an admin',
          '请先以管理员身份登录。',
        );
      }
      const { registry } = app.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
