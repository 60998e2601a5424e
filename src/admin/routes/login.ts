import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLE_ZH } from '../../cases/access.js';
import type { AdminDeps } from '../deps.js';
import { loggedInView, loginView } from '../pages/login.js';
import { safeNext } from '../safe-next.js';
import { LoginForm, LoginPageQuery } from '../schemas/auth.js';

/** The login form, logging out, and the site's root. */
export default async function loginRoutes(app: FastifyInstance, deps: AdminDeps) {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true } as const;

  // Browsers ask for it on every first visit; an empty answer keeps the logs and the console quiet.
  pages.get('/favicon.ico', { schema: hide }, (_request, reply) => reply.code(204).send());

  pages.get('/', { schema: hide }, (request, reply) => reply.redirect(request.user ? '/inbox' : '/login'));

  pages.get('/login', { schema: { ...hide, querystring: LoginPageQuery } }, (request, reply) => {
    const user = request.user;
    if (user) {
      const name = user.displayName ?? user.username;
      return reply.page({
        title: '已登录',
        body: loggedInView({ name, role: ROLE_ZH[user.role], csrfToken: reply.generateCsrf() }),
        nav: false,
      });
    }
    return reply.page({
      title: '登录',
      body: loginView({ csrfToken: reply.generateCsrf(), next: safeNext(request.query.next) }),
    });
  });

  pages.post(
    '/login',
    {
      preValidation: [app.csrfProtection],
      config: { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: { ...hide, body: LoginForm },
    },
    async (request, reply) => {
      const { username, password, next } = request.body;
      const login = username && password ? await app.logIn(request, reply, username, password) : undefined;
      if (!login) {
        reply.code(401);
        const error = username && password ? '用户名或密码不对，请再试一次。' : '请填写用户名和密码。';
        return reply.page({
          title: '登录',
          body: loginView({ csrfToken: reply.generateCsrf(), next: safeNext(next), error, username }),
        });
      }
      return reply.redirect(safeNext(next), 303);
    },
  );

  pages.post(
    '/logout',
    { preValidation: [app.requireUser, app.csrfForCookie], schema: hide },
    async (request, reply) => {
      await app.endSession(request, reply);
      return reply.redirect('/login', 303);
    },
  );
}
