import type { FastifyInstance } from 'fastify';
import type { CaseChange } from '../../cases/events.js';

/** A comment line now and then keeps proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/** Server-sent events: the logged-in user's villages' case changes, as they happen (Contract 3). */
export default async function eventRoutes(app: FastifyInstance) {
  // Open streams end when the service stops, or closing would wait for every browser to leave.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/events',
    {
      preValidation: [app.requireUser],
      schema: {
        tags: ['cases'],
        summary:
          'text/event-stream: one `case` event (JSON: id, number, village, kind, urgent, status, at) whenever a ' +
          'case of my villages is created or changes (kind: created, followup, reply, status, changed)',
      },
    },
    async (request, reply) => {
      await Promise.race([app.caseChangesReady, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      const villages = new Set(request.villageIds);
      const res = reply.raw;
      // Headers set on the reply (helmet's among them) are copied, since the stream is written raw.
      reply.hijack();
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const send = (change: CaseChange) => {
        if (villages.has(change.village)) res.write(`event: case\ndata: ${JSON.stringify(change)}\n\n`);
      };
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      app.caseChanges.on('change', send);
      const stop = () => {
        clearInterval(heartbeat);
        app.caseChanges.off('change', send);
        open.delete(end);
      };
      const end = () => {
        stop();
        res.end();
      };
      open.add(end);
      request.raw.on('close', stop);
    },
  );
}
