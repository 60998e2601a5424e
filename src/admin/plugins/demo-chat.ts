import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AdminDeps } from '../app.js';
import { HttpError } from '../errors.js';
import { html, layout } from '../pages/html.js';

const SayBody = z.object({
  from: z.string().trim().min(1, 'pick a resident name').max(20),
  text: z.string().trim().min(1, 'type a message').max(5000),
  /** A room topic, or null for a private chat with the bot. */
  room: z.string().max(100).nullable(),
  mentioned: z.boolean().default(false),
});

/** The demo's village group chat: a newcomer types as a resident and watches the bot and the advisors answer. */
export const demoChatPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  const chat = deps.demoChat;
  if (!chat) return;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/demo', { schema: { hide: true } }, (_request, reply) => {
    const rooms = chat.rooms();
    const body = html`<main class="demo" id="demo" data-csrf="${reply.generateCsrf()}">
      <h1>演示：村民群聊</h1>
      <p class="muted">扮演一位村民在群里说话或私聊村小助；右边是法律顾问和村委会的工作台（演示账号见终端）。</p>
      <div class="demo-grid">
        <section class="card">
          <div class="filters">
            <div><label for="who">我是</label><input type="text" id="who" list="names" value="${chat.residents()[0] ?? '王大爷'}" maxlength="20"><datalist id="names">${chat
              .residents()
              .map((n) => html`<option value="${n}">`)}</datalist></div>
            <div><label for="where">发到</label><select id="where">${rooms.map(
              (r) => html`<option value="${r}">${r}（群聊）</option>`,
            )}<option value="">私聊村小助</option></select></div>
          </div>
          <div id="chat" class="chat" aria-live="polite"></div>
          <form id="say" class="say">
            <label class="check"><input type="checkbox" id="mention"> @村小助</label>
            <textarea id="text" maxlength="5000" placeholder="例如：我家宅基地被邻居占了，怎么办？" required></textarea>
            <button type="submit">发送</button>
          </form>
        </section>
        <section class="card"><iframe id="inbox" src="/login?next=/inbox" title="工作台"></iframe></section>
      </div>
      <script src="/assets/demo.js"></script>
    </main>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(
        layout('演示', body).replace(
          '</style>',
          '.demo{max-width:1400px}.demo-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}' +
            '.chat{height:55vh;overflow-y:auto;background:#ededed;padding:.5rem;border-radius:6px;margin:.5rem 0}' +
            '.msg{margin:.4rem 0;max-width:85%}.msg .who{font-size:.8rem;color:#666}.msg .bubble{background:#fff;border-radius:6px;padding:.3rem .6rem;white-space:pre-wrap}' +
            '.msg.bot .bubble{background:#c9f0c0}.msg.private .bubble{border:2px dashed #0b5cad}.say textarea{min-height:3.5rem}' +
            'iframe{width:100%;height:75vh;border:0}</style>',
        ),
      );
  });

  api.get(
    '/api/demo/chat',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo chat lines after `since`',
        querystring: z.object({ since: z.coerce.number().int().min(0).default(0) }),
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
});
