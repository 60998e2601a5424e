import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The pages' scripts and style sheets (src/admin/assets) under /assets; nothing else of src is reachable. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyStatic, {
      root: fileURLToPath(new URL('../../assets/', import.meta.url)),
      prefix: '/assets/',
      // Five minutes: a new release reaches open browsers soon, and a page load does not re-ask for every file.
      maxAge: 300_000,
      decorateReply: false,
      index: false,
    });
  },
  { name: 'cunbot-static' },
);
