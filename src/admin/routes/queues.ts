import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../deps.js';

const BASE = '/admin/queues';

/** The BullMQ dashboard, for the admin role only (it can retry and delete jobs). */
export default async function queueRoutes(app: FastifyInstance, deps: AdminDeps) {
  await app.register(async (scope) => {
    scope.addHook('onRequest', app.requireUser);
    scope.addHook('onRequest', app.requireRole('admin'));
    const adapter = new FastifyAdapter();
    createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
    adapter.setBasePath(BASE);
    await scope.register(adapter.registerPlugin(), { prefix: BASE });
  });
}
