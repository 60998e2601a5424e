import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../deps.js';
import { inboxView } from '../pages/inbox.js';
import { InboxQuery } from '../schemas/cases.js';

const PAGE_SIZE = 20;

/** The inbox page: the cases of my villages, filtered by a GET form. */
export default async function inboxRoutes(app: FastifyInstance, deps: AdminDeps) {
  const villageName = (id: string) => deps.villages.find((v) => v.id === id)?.name ?? id;
  const timeZone = deps.config.TIMEZONE;
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true } as const;
  const read = { preValidation: [app.requireUser] };

  pages.get('/inbox', { ...read, schema: { ...hide, querystring: InboxQuery } }, async (request, reply) => {
    const filters = { ...request.query, limit: PAGE_SIZE };
    // An unticked box means "no filter", not "only non-urgent".
    const { status } = filters;
    const list = await app.listCases(request, {
      ...filters,
      urgent: filters.urgent || undefined,
      overdue: filters.overdue || undefined,
      mine: filters.mine || undefined,
      // The default view is the work still waiting; answered and closed cases are one choice away.
      status: status === 'all' ? undefined : status,
      open: status === undefined,
    });
    return reply.page({
      title: '案件',
      body: inboxView({
        rows: list.cases,
        total: list.total,
        filters,
        villages: deps.villages.filter((v) => request.villageIds.includes(v.id)),
        villageName,
        timeZone,
      }),
      scripts: ['/assets/live.js'],
    });
  });
}
