import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type CaseChange, CaseChangeSchema } from '../../../cases/events.js';
import type { AdminDeps } from '../../deps.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Case changes published by any process (bot, workers, this service), one 'change' event each. */
    caseChanges: EventEmitter<{ change: [CaseChange] }>;
    /** Settles once the subscription is live (or has failed): a stream opened before then could miss a change. */
    caseChangesReady: Promise<void>;
  }
}

/**
 * One Redis subscription per process, fanned out to every open /api/events stream: the store publishes each saved
 * change, whichever process saved it.
 */
export default fp<AdminDeps>(
  async (app: FastifyInstance, deps) => {
    const changes = new EventEmitter<{ change: [CaseChange] }>();
    // Every open page listens; the default limit of 10 would warn at the eleventh.
    changes.setMaxListeners(0);
    const channel = deps.cases.store.keys.events;
    const subscriber = deps.redis.duplicate();
    subscriber.on('message', (from, message) => {
      if (from !== channel) return;
      try {
        changes.emit('change', CaseChangeSchema.parse(JSON.parse(message)));
      } catch (err) {
        app.log.warn({ err }, 'ignored a malformed case change on the events channel');
      }
    });
    subscriber.on('error', (err) => app.log.warn({ err }, 'case events subscriber: Redis error'));
    // Not awaited: a Redis that is away must not keep the service from starting; ioredis subscribes on connect.
    const ready = subscriber.subscribe(channel).then(
      () => undefined,
      (err) => app.log.warn({ err }, 'case events: could not subscribe'),
    );
    app.decorate('caseChanges', changes);
    app.decorate('caseChangesReady', ready);
    app.addHook('onClose', async () => {
      changes.removeAllListeners();
      subscriber.disconnect();
    });
  },
  { name: 'cunbot-events' },
);
