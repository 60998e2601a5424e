import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AdminDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { usersView } from '../pages/users.js';
import { DisableForm, NewUserForm, PasswordForm, UsernameParams, UsersPageQuery } from '../schemas/users.js';
import { UserError } from '../users.js';

const NOTICES: Record<string, string> = {
  added: '用户已添加。',
  disabled: '已停用，这个用户的登录都已结束。',
  enabled: '已启用，需要重新登录。',
  password: '密码已重设，这个用户的登录都已结束。',
};

/** The store's refusals ("already exists", "no user") as the admin reads them. */
function refusal(err: unknown): never {
  if (err instanceof UserError) {
    const exists = /already exists/.test(err.message);
    throw new HttpError(exists ? 409 : 404, err.message, exists ? '这个用户名已经有人用了。' : '没有这个用户。');
  }
  throw err;
}

/** Users for admins (Contract 3: admin manages users), through the same UserStore as `cunbot users`. */
export default async function userRoutes(app: FastifyInstance, deps: AdminDeps) {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true } as const;
  const adminOnly = [app.requireUser, app.requireRole('admin')];
  const write = { preValidation: [...adminOnly, app.csrfForCookie] };
  const back = (reply: FastifyReply, done: string) => reply.redirect(`/users?done=${done}`, 303);

  pages.get(
    '/users',
    { preValidation: adminOnly, schema: { ...hide, querystring: UsersPageQuery } },
    async (request, reply) =>
      reply.page({
        title: '用户',
        body: usersView({
          users: await deps.users.list(),
          villages: deps.villages,
          csrfToken: reply.generateCsrf(),
          timeZone: deps.config.TIMEZONE,
          notice: request.query.done ? NOTICES[request.query.done] : undefined,
        }),
      }),
  );

  pages.post('/users', { ...write, schema: { ...hide, body: NewUserForm } }, async (request, reply) => {
    const { username, displayName, role, password, villages, township } = request.body;
    const known = new Set(deps.villages.map((v) => v.id));
    if (villages.some((v) => !known.has(v)))
      throw new HttpError(400, 'invalid request: unknown village', '没有这个村。');
    if (role !== 'admin' && villages.length === 0 && !township) {
      throw new HttpError(400, 'invalid request: name villages or a township', '请选择这个用户负责的村（或乡镇）。');
    }
    await deps.users
      .add({
        username,
        password,
        role,
        villages,
        townships: township ? [township] : [],
        ...(displayName ? { displayName } : {}),
      })
      .catch(refusal);
    return back(reply, 'added');
  });

  pages.post(
    '/users/:username/disabled',
    { ...write, schema: { ...hide, params: UsernameParams, body: DisableForm } },
    async (request, reply) => {
      const disabled = request.body.disabled === 'true';
      if (disabled && request.params.username === request.user?.username) {
        throw new HttpError(409, 'an admin cannot disable their own account', '不能停用自己的账号。');
      }
      await deps.users.setDisabled(request.params.username, disabled).catch(refusal);
      return back(reply, disabled ? 'disabled' : 'enabled');
    },
  );

  pages.post(
    '/users/:username/password',
    { ...write, schema: { ...hide, params: UsernameParams, body: PasswordForm } },
    async (request, reply) => {
      await deps.users.resetPassword(request.params.username, request.body.password).catch(refusal);
      return back(reply, 'password');
    },
  );
}
