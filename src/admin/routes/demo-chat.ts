import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { demoChatView } from '../pages/demo-chat.js';
import { ChatSinceQuery, SayBody } from '../schemas/demo.js';

/** The demo's village group chat: a newcomer types as a resident and watches the bot and the advisors answer. */
export default async function demoChatRoutes(app: FastifyInstance, deps: AdminDeps) {
  const chat = deps.demoChat;
  if (!chat) return;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/demo', { schema: { hide: true } }, (_request, reply) =>
    reply.page({
      title: '演示',
      body: demoChatView({
        csrfToken: reply.generateCsrf(),
        rooms: chat.rooms(),
        residents: chat.residents(),
        timeZone: deps.config.TIMEZONE,
      }),
      nav: false,
      styles: ['/assets/demo.css'],
      scripts: ['/assets/demo.js'],
    }),
  );

  api.get(
    '/api/demo/chat',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo chat lines after `since`',
        querystring: ChatSinceQuery,
      },
    },
    (request) => ({ lines: chat.since(request.query.since), rooms: chat.rooms() }),
  );

  api.post(
    '/api/demo/say',
    {
      preValidation: [app.csrfProtection],
      schema: { tags: ['demo'], summary: 'Speak as a resident in the demo chat', body: SayBody },
    },
    async (request) => {
      const { room } = request.body;
      if (room !== null && !chat.rooms().includes(room)) {
        throw new HttpError(400, `invalid request: room "${room}" is not a demo room`, '没有这个群。');
      }
      await chat.say(request.body);
      return { ok: true };
    },
  );
}
