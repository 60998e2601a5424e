import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Case } from '../../../cases/schema.js';
import { actorOf } from '../../actor.js';
import { inboxRow } from '../../case-view.js';
import type { AdminDeps } from '../../deps.js';
import type { CaseList, CaseListQuery } from '../../schemas/cases.js';

/**
 * The case helpers shared by the JSON API and the pages: each turns the request into the acting person and calls
 * the case service, which holds the rules.
 */
declare module 'fastify' {
  interface FastifyInstance {
    loadCase: (request: FastifyRequest, id: string) => Promise<Case>;
    listCases: (request: FastifyRequest, query: CaseListQuery) => Promise<CaseList>;
    replyToCase: (request: FastifyRequest, id: string, text: string, internal: boolean) => Promise<Case>;
    assignCase: (request: FastifyRequest, id: string, name: string, kind: 'advisor' | 'committee') => Promise<Case>;
  }
}

export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    const service = deps.cases;
    const clock = service.store.clock;

    app.decorate('loadCase', (request: FastifyRequest, id: string) => service.get(actorOf(request), id));

    app.decorate('listCases', async (request: FastifyRequest, query: CaseListQuery) => {
      const page = await service.list(actorOf(request), query);
      const now = clock.now().getTime();
      // The store already orders urgent, then overdue, then newest.
      return {
        cases: page.items.map((s) => inboxRow(s, now)),
        total: page.total,
        limit: query.limit,
        offset: query.offset,
      };
    });

    app.decorate('replyToCase', async (request: FastifyRequest, id: string, text: string, internal: boolean) => {
      const actor = actorOf(request);
      const before = await service.get(actor, id);
      const after = await service.reply(actor, id, { text, internal });
      if (!before.firstResponseAt && after.firstResponseAt) {
        app.observeFirstResponse((Date.parse(after.firstResponseAt) - Date.parse(before.receivedAt)) / 1000);
      }
      return after;
    });

    app.decorate('assignCase', (request: FastifyRequest, id: string, name: string, kind: 'advisor' | 'committee') =>
      service.assign(actorOf(request), id, { name, kind }),
    );
  },
  { name: 'cunbot-cases', dependencies: ['cunbot-auth', 'cunbot-metrics'] },
);
