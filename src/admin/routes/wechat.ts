import type { FastifyInstance } from 'fastify';
import { readLoginState } from '../../queue/login.js';
import type { AdminDeps } from '../deps.js';
import { qrSvg } from '../pages/qr.js';
import { wechatView } from '../pages/wechat.js';

/** The bot's WeChat login for the admin: the QR code to scan while logged out (wechat4u logins expire every few days). */
export default async function wechatRoutes(app: FastifyInstance, deps: AdminDeps) {
  app.get(
    '/wechat',
    { preValidation: [app.requireUser, app.requireRole('admin')], schema: { hide: true } },
    async (_request, reply) => {
      const state = await readLoginState(deps.redis, deps.config.KEY_PREFIX);
      const qr = state?.state === 'scan' && state.qrcode ? await qrSvg(state.qrcode) : undefined;
      return reply.page({
        title: '微信登录',
        body: wechatView({ state, qrSvg: qr, timeZone: deps.config.TIMEZONE }),
        refreshSeconds: 10,
      });
    },
  );
}
