import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AdminDeps } from '../../deps.js';

/** Security headers; the CSP lets pages load only their own scripts (inline <style> and SVG are ours). */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          upgradeInsecureRequests: deps.secureCookies ? [] : null,
        },
      },
      strictTransportSecurity: deps.secureCookies,
    });
  },
  { name: 'cunbot-helmet', dependencies: ['cunbot-error-handler'] },
);
