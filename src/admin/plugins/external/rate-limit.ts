import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { addressKey } from '../../address-key.js';
import type { AdminDeps } from '../../deps.js';
import { HttpError } from '../../errors.js';

/** Limits shared by every process through Redis; only routes that ask for one (the logins) are limited. */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    await app.register(rateLimit, {
      global: false,
      redis: deps.redis,
      nameSpace: `${deps.config.KEY_PREFIX}:ratelimit:`,
      keyGenerator: (request) => addressKey(request.ip),
      // A login page in Chinese rather than the plugin's English text.
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, `Too Many Requests: retry in ${context.after}`, '尝试次数太多，请一分钟后再试。'),
    });
  },
  { name: 'cunbot-rate-limit' },
);
