import type { FastifyInstance } from 'fastify';
import { readPersistence } from '../../queue/persistence.js';
import type { AdminDeps } from '../deps.js';

export default async function healthRoutes(app: FastifyInstance, deps: AdminDeps) {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Up when Redis answers' } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await Promise.race([
        deps.redis.ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('Redis did not answer within 2 s')), 2000).unref(),
        ),
      ]);
      const { problems } = await readPersistence(deps.redis);
      return {
        ok: true,
        redis: 'up',
        ms: Math.round(performance.now() - started),
        // A Redis that may lose cases still serves, but the operator sees why numbers could repeat.
        persistence: problems.length === 0 ? 'durable' : 'volatile',
        ...(problems.length ? { warnings: problems } : {}),
      };
    } catch (err) {
      return reply
        .code(503)
        .send({ ok: false, redis: 'down', error: (err as Error).message, message: '数据库连接不上。' });
    }
  });
}
