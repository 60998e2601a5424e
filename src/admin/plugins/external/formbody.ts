import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AdminDeps } from '../../deps.js';

/** The pages' forms post urlencoded bodies; the JSON API refuses them (see the auth plugin). */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    await app.register(formbody, { bodyLimit: deps.bodyLimit });
  },
  { name: 'cunbot-formbody' },
);
