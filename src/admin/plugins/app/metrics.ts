import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry } from 'prom-client';
import { CASE_STATUSES } from '../../../cases/schema.js';
import type { AdminDeps } from '../../deps.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Seconds from a resident's message to the first answer sent from the admin service. */
    observeFirstResponse: (seconds: number) => void;
    /** Everything /metrics shows, and who may see it. */
    metrics: { registry: Registry; allowed: (request: FastifyRequest) => boolean };
  }
}

/** Prometheus text at /metrics: cases by status, queue depths, first-response latency, admin response times. */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    // A registry per app: tests build many apps in one process and prom-client's global one would reject duplicates.
    const registry = new Registry();
    const villages = deps.villages.map((v) => v.id);
    new Gauge({
      name: 'cunbot_cases',
      help: 'Cases by status',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        this.reset();
        if (villages.length === 0) return;
        const totals = await Promise.all(CASE_STATUSES.map((status) => deps.cases.store.count({ villages, status })));
        for (const [i, status] of CASE_STATUSES.entries()) this.set({ status }, totals[i] ?? 0);
      },
    });
    new Gauge({
      name: 'cunbot_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const queue of deps.queues) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
        }
      },
    });
    const firstResponse = new Histogram({
      name: 'cunbot_first_response_seconds',
      help: "Seconds from a resident's message to the first answer from the admin service",
      buckets: [60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 86400, 7 * 86400, 15 * 86400],
      registers: [registry],
    });
    app.decorate('observeFirstResponse', (seconds: number) => firstResponse.observe(seconds));

    const requestSeconds = new Histogram({
      name: 'cunbot_admin_request_seconds',
      help: 'Admin service response time by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, not the URL: one series per route, whatever the case ids.
      const route = request.routeOptions.url ?? 'unmatched';
      requestSeconds.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    // Case counts by status tell one village about another's: only the scraper's token or an admin may read them.
    const digest = (s: string) => createHash('sha256').update(s).digest();
    const expected = deps.config.METRICS_TOKEN ? digest(deps.config.METRICS_TOKEN) : undefined;
    const allowed = (request: FastifyRequest) => {
      if (request.user?.role === 'admin') return true;
      const header = request.headers.authorization;
      if (!expected || !header?.startsWith('Bearer ')) return false;
      return timingSafeEqual(digest(header.slice(7).trim()), expected);
    };

    app.decorate('metrics', { registry, allowed });
  },
  { name: 'cunbot-metrics', dependencies: ['cunbot-auth'] },
);
