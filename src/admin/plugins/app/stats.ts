import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorOf } from '../../actor.js';
import type { AdminDeps } from '../../deps.js';
import { computeStats, type Stats, type StatsRange, statsWindow } from '../../stats.js';
import { StatsRunner } from '../../stats-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    statsFor: (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => Promise<Stats>;
  }
}

/** Stats for the JSON API and the dashboard; one computation at a time per question (the stats runner). */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    const runner = new StatsRunner<Stats>();
    const clock = deps.cases.store.clock;
    app.decorate('statsFor', async (request: FastifyRequest, query: StatsRange & { village?: string | undefined }) => {
      const now = clock.now().getTime();
      const timeZone = deps.config.TIMEZONE;
      const { from, to } = statsWindow(query, timeZone, now);
      const actor = actorOf(request);
      const key = JSON.stringify([request.villageIds, query.village, query.from, query.to]);
      return runner.run(key, async () => {
        const cases = await deps.cases.receivedBetween(actor, query.village, from, to);
        return computeStats(cases, query, { now, timeZone });
      });
    });
  },
  { name: 'cunbot-stats', dependencies: ['cunbot-auth'] },
);
