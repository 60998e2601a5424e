import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { layout, type PageOptions } from '../../pages/layout.js';

/** What a route gives `reply.page`: the layout's options; the header is the logged-in user's unless `nav: false`. */
export type PageReply = Omit<PageOptions, 'nav'> & { nav?: false };

declare module 'fastify' {
  interface FastifyReply {
    /** Sends a whole HTML page: the layout around `body`, never cached (it holds a CSRF token). */
    page(page: PageReply): FastifyReply;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    app.decorateReply('page', function (this: FastifyReply, page: PageReply) {
      const user = this.request.user;
      const nav =
        user && page.nav !== false
          ? { username: user.displayName ?? user.username, role: user.role, csrfToken: this.generateCsrf() }
          : undefined;
      return this.type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(layout({ ...page, nav }));
    });
  },
  { name: 'cunbot-html-page', dependencies: ['cunbot-auth'] },
);
