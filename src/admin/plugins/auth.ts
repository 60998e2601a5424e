import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { villagesOf } from '../access.js';
import type { AdminDeps } from '../app.js';
import { HttpError } from '../errors.js';
import type { Role, User } from '../users.js';

export const SESSION_COOKIE = 'cunbot_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** How the user proved who they are: cookie sessions need CSRF defence, bearer tokens do not. */
    authVia: 'cookie' | 'bearer' | null;
    /** Village ids this user may see. */
    villageIds: string[];
  }
  interface FastifyInstance {
    requireUser: preValidationHookHandler;
    requireRole: (...roles: Role[]) => preValidationHookHandler;
    /** CSRF check for changes made with a cookie session (forms and the JSON API alike). */
    csrfForCookie: preValidationHookHandler;
    startSession: (reply: FastifyReply, user: User) => Promise<string>;
  }
}

const LoginSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const authPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const { users, sessions, villages } = deps;

  app.decorateRequest('user', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('villageIds', null as unknown as string[]);

  async function identify(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    let token: string | undefined;
    let via: 'cookie' | 'bearer' | undefined;
    if (header?.startsWith('Bearer ')) {
      token = header.slice(7).trim();
      via = 'bearer';
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
      if (unsigned?.valid && unsigned.value) {
        token = unsigned.value;
        via = 'cookie';
      }
    }
    if (!token || !via) return;
    const username = await sessions.resolve(token);
    const user = username ? await users.get(username) : undefined;
    if (!user || user.disabled) return;
    request.user = user;
    request.authVia = via;
    request.villageIds = villagesOf(user, villages);
  }

  app.addHook('onRequest', identify);

  // The JSON API takes only JSON bodies: a cross-site HTML form (urlencoded, multipart or text/plain) cannot reach it,
  // which closes login CSRF on /api/auth/login where no session (and so no CSRF token) exists yet.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST' || !request.url.startsWith('/api/')) return;
    const type = request.headers['content-type'];
    if (type !== undefined && !type.startsWith('application/json')) {
      throw new HttpError(415, 'Unsupported Media Type: send application/json', '不支持这种提交格式。');
    }
  });

  app.decorate('requireUser', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.user) return;
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new HttpError(401, 'Unauthorized: log in first (POST /api/auth/login)', '请先登录。');
    }
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  });

  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    if (!request.user || !roles.includes(request.user.role)) {
      throw new HttpError(403, `Forbidden: needs role ${roles.join(' or ')}`, '没有权限执行这个操作。');
    }
  });

  app.decorate('csrfForCookie', function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply, done) {
    if (request.authVia === 'bearer') return done();
    return app.csrfProtection.call(this, request, reply, done);
  } as preValidationHookHandler);

  app.decorate('startSession', async (reply: FastifyReply, user: User) => {
    const token = await sessions.create(user.username);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      signed: true,
      maxAge: 12 * 3600,
    });
    return token;
  });

  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the session cookie and returns a bearer token',
        body: LoginSchema,
      },
    },
    async (request, reply) => {
      const user = await users.authenticate(request.body.username, request.body.password);
      if (!user) throw new HttpError(401, 'Unauthorized: wrong username or password', '用户名或密码不对。');
      const token = await app.startSession(reply, user);
      request.log.info({ username: user.username }, 'login');
      return { token, csrfToken: reply.generateCsrf(), user: { ...user, villageIds: villagesOf(user, villages) } };
    },
  );

  api.post(
    '/api/auth/logout',
    { preValidation: [app.requireUser, app.csrfForCookie], schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      await endSession(request, reply);
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

  async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    const token = header?.startsWith('Bearer ')
      ? header.slice(7).trim()
      : cookie
        ? request.unsignCookie(cookie).value
        : null;
    if (token) await sessions.destroy(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
  app.decorate('endSession', endSession);
});

declare module 'fastify' {
  interface FastifyInstance {
    endSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}
