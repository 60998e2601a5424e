import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AdminDeps } from '../../deps.js';

/** Signed cookies for the session and the pre-login CSRF nonce. */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    await app.register(cookie, { secret: deps.cookieSecret });
  },
  { name: 'cunbot-cookie' },
);
