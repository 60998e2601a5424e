import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { villagesOf } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { LoginBody } from '../schemas/auth.js';

/** Logging in and out from programs (the pages' forms are in login.ts). */
export default async function authRoutes(app: FastifyInstance, deps: AdminDeps) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie and returns a bearer token',
        body: LoginBody,
      },
    },
    async (request, reply) => {
      const login = await app.logIn(request, reply, request.body.username, request.body.password);
      if (!login) throw new HttpError(401, 'Unauthorized: wrong username or password', '用户名或密码不对。');
      const { user, token } = login;
      return { token, csrfToken: reply.generateCsrf(), user: { ...user, villageIds: villagesOf(user, deps.villages) } };
    },
  );

  api.post(
    '/api/auth/logout',
    { preValidation: [app.requireUser, app.csrfForCookie], schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      await app.endSession(request, reply);
      return { ok: true };
    },
  );

  api.get(
    '/api/me',
    { preValidation: [app.requireUser], schema: { tags: ['auth'], summary: 'Who I am, my villages, a CSRF token' } },
    async (request, reply) => ({
      user: request.user,
      villageIds: request.villageIds,
      csrfToken: reply.generateCsrf(),
    }),
  );
}
