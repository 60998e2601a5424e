import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { villagesOf } from '../../access.js';
import { csrfToken, csrfTokenValid } from '../../csrf.js';
import type { AdminDeps } from '../../deps.js';
import { HttpError } from '../../errors.js';
import { LoginThrottle, retryMessage } from '../../login-throttle.js';
import type { Session } from '../../sessions.js';
import type { Role, User } from '../../users.js';

export const SESSION_COOKIE = 'cunbot_session';
/** The pre-login CSRF nonce (the login form has no session to bind its token to). */
export const CSRF_COOKIE = 'cunbot_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** The session the request came with (or the one its login just opened). */
    session: Session | null;
    /** How the user proved who they are: cookie sessions need CSRF defence, bearer tokens do not. */
    authVia: 'cookie' | 'bearer' | null;
    /** Village ids this user may see. */
    villageIds: string[];
    csrfNonce: string | null;
  }
  interface FastifyReply {
    /** A CSRF token for forms and the x-csrf-token header, bound to this browser's session (or pre-login nonce). */
    generateCsrf: () => string;
  }
  interface FastifyInstance {
    requireUser: preValidationHookHandler;
    requireRole: (...roles: Role[]) => preValidationHookHandler;
    /** CSRF check where no login is needed (the login form, the demo chat): the session's or the nonce's token. */
    csrfProtection: preValidationHookHandler;
    /** CSRF check for changes made with a cookie session (forms and the JSON API alike): the session's token. */
    csrfForCookie: preValidationHookHandler;
    /** Checks the password under the per-username throttle and opens a session; undefined when it is wrong. */
    logIn: (
      request: FastifyRequest,
      reply: FastifyReply,
      username: string,
      password: string,
    ) => Promise<{ user: User; token: string } | undefined>;
    endSession: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

const csrfRefused = () =>
  new HttpError(403, 'Forbidden: missing or invalid CSRF token', '页面已过期，请刷新后再提交。');

export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    const { users, sessions, villages, config } = deps;
    const throttle = new LoginThrottle(deps.redis, config.KEY_PREFIX);
    // Every process of a deployment shares SESSION_SECRET, so a token made by one is accepted by the others.
    const csrfKey = config.SESSION_SECRET
      ? createHmac('sha256', config.SESSION_SECRET).update('cunbot csrf').digest()
      : randomBytes(32);
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      signed: true,
    } as const;

    app.decorateRequest('user', null);
    app.decorateRequest('session', null);
    app.decorateRequest('authVia', null);
    app.decorateRequest('villageIds', null as unknown as string[]);
    app.decorateRequest('csrfNonce', null);

    function tokenOf(request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | undefined {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
      const cookie = request.cookies[SESSION_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
      return unsigned?.valid && unsigned.value ? { token: unsigned.value, via: 'cookie' } : undefined;
    }

    app.addHook('onRequest', async (request) => {
      const presented = tokenOf(request);
      if (!presented) return;
      const session = await sessions.resolve(presented.token);
      const user = session ? await users.get(session.username) : undefined;
      if (!session || !user || user.disabled) return;
      request.user = user;
      request.session = session;
      request.authVia = presented.via;
      request.villageIds = villagesOf(user, villages);
    });

    // Only an accepted request keeps a session alive: a refused one (401, 403, a failed CSRF check) does not.
    app.addHook('onSend', async (request, reply) => {
      if (request.session && reply.statusCode < 400) await sessions.touch(request.session);
    });

    // The JSON API takes only JSON bodies: a cross-site HTML form (urlencoded, multipart or text/plain) cannot reach it,
    // which closes login CSRF on /api/auth/login where no session (and so no CSRF token) exists yet.
    app.addHook('onRequest', async (request) => {
      if (request.method !== 'POST' || !request.url.startsWith('/api/')) return;
      const type = request.headers['content-type'];
      if (type !== undefined && !type.startsWith('application/json')) {
        throw new HttpError(415, 'Unsupported Media Type: send application/json', '不支持这种提交格式。');
      }
    });

    function nonceOf(request: FastifyRequest): string | undefined {
      if (request.csrfNonce) return request.csrfNonce;
      const cookie = request.cookies[CSRF_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
      return unsigned?.valid && unsigned.value ? unsigned.value : undefined;
    }

    function newNonce(reply: FastifyReply): string {
      const nonce = randomBytes(18).toString('base64url');
      reply.request.csrfNonce = nonce;
      reply.setCookie(CSRF_COOKIE, nonce, cookieOptions);
      return nonce;
    }

    app.decorateReply('generateCsrf', function (this: FastifyReply) {
      const session = this.request.session;
      if (session) return csrfToken(csrfKey, `s:${session.id}`);
      return csrfToken(csrfKey, `a:${nonceOf(this.request) ?? newNonce(this)}`);
    });

    const presentedCsrf = (request: FastifyRequest): unknown =>
      (request.body as { _csrf?: unknown } | undefined)?._csrf ?? request.headers['x-csrf-token'];

    const sessionTokenValid = (request: FastifyRequest) =>
      request.session !== null && csrfTokenValid(csrfKey, `s:${request.session.id}`, presentedCsrf(request));

    app.decorate('csrfProtection', async (request: FastifyRequest) => {
      const nonce = nonceOf(request);
      const nonceValid = nonce !== undefined && csrfTokenValid(csrfKey, `a:${nonce}`, presentedCsrf(request));
      if (!nonceValid && !sessionTokenValid(request)) throw csrfRefused();
    });

    app.decorate('csrfForCookie', async (request: FastifyRequest) => {
      if (request.authVia === 'bearer') return;
      if (!sessionTokenValid(request)) throw csrfRefused();
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

    app.decorate('logIn', async (request: FastifyRequest, reply: FastifyReply, username: string, password: string) => {
      const now = Date.now();
      const verdict = await throttle.attempt(username, now);
      if (!verdict.allowed) {
        const seconds = Math.ceil((verdict.retryAt - now) / 1000);
        reply.header('retry-after', String(seconds));
        request.log.warn({ username }, 'login refused: too many attempts for this username');
        throw new HttpError(
          429,
          `Too Many Requests: too many failed logins for this username; retry in ${seconds} s`,
          retryMessage(verdict.retryAt, now, config.TIMEZONE),
        );
      }
      const user = await users.authenticate(username, password);
      if (!user) return undefined;
      await throttle.clear(username);
      const { token, session } = await sessions.create(user.username, now);
      // Tokens made from here on belong to the new session. The pre-login nonce stays: its tokens are good only
      // where no login is needed (the login form, the demo chat page open beside the workbench).
      request.session = session;
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: sessions.policy.maxSeconds });
      await users.recordLogin(user.username, new Date(now));
      request.log.info({ username: user.username }, 'login');
      return { user, token };
    });

    app.decorate('endSession', async (request: FastifyRequest, reply: FastifyReply) => {
      const presented = tokenOf(request);
      if (presented) await sessions.destroy(presented.token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    });
  },
  { name: 'cunbot-auth', dependencies: ['cunbot-cookie', 'cunbot-error-handler'] },
);
