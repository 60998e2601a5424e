import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdminDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { sendError } from '../plugins/app/error-handler.js';

const BASE = '/admin/queues';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Bull-board's own pages post without our CSRF token, so a change made with a cookie must come from this site's
 * own page: a browser names the page's origin on every such request, and a cross-site one names another.
 */
function sameSiteChange(request: FastifyRequest): boolean {
  if (SAFE.has(request.method) || request.authVia === 'bearer') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** The BullMQ dashboard, for the admin role only (it can retry and delete jobs). */
export default async function queueRoutes(app: FastifyInstance, deps: AdminDeps) {
  await app.register(async (scope) => {
    // Bull-board answers errors itself, in English JSON: refusals are answered here, before it sees the request.
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        await app.requireUser.call(app, request, reply, () => {});
        if (reply.sent) return reply;
        await app.requireRole('admin').call(app, request, reply, () => {});
        if (!sameSiteChange(request)) {
          throw new HttpError(
            403,
            'Forbidden: cross-site change of the queue dashboard',
            '页面已过期，请刷新后再提交。',
          );
        }
      } catch (err) {
        return sendError(err as FastifyError, request, reply);
      }
    });
    const adapter = new FastifyAdapter();
    createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
    adapter.setBasePath(BASE);
    await scope.register(adapter.registerPlugin(), { prefix: BASE });
  });
}
