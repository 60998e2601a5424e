import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readLoginState } from '../../queue/login.js';
import type { AdminDeps } from '../app.js';
import { html, layout, raw } from '../pages/html.js';
import { qrSvg } from '../pages/qr.js';

const STATE_ZH = {
  starting: '正在启动…',
  scan: '请用村小助的微信扫描下面的二维码登录',
  online: '已登录',
  offline: '已掉线，正在等待重新扫码',
} as const;

/** The bot's WeChat login for the admin: the QR code to scan while logged out (wechat4u logins expire every few days). */
export const wechatPlugin = fp<AdminDeps>(async (app: FastifyInstance, deps) => {
  app.get(
    '/wechat',
    { preValidation: [app.requireUser, app.requireRole('admin')], schema: { hide: true } },
    async (request, reply) => {
      const state = await readLoginState(deps.redis, deps.config.KEY_PREFIX);
      const body = html`<main class="narrow"><h1>微信登录</h1>
        ${
          state
            ? html`<p class="card">${STATE_ZH[state.state]}${state.user ? html`：<b>${state.user}</b>` : ''}<br><span class="muted">更新于 ${new Date(
                state.at,
              ).toLocaleString('zh-CN', { timeZone: deps.config.TIMEZONE, hour12: false })}</span></p>
              ${state.state === 'scan' && state.qrcode ? html`<div class="card" id="qr">${raw(qrSvg(state.qrcode))}</div>` : ''}`
            : html`<p class="card">机器人还没有启动（运行 <code>cunbot start</code>）。</p>`
        }
        <p class="muted">本页每 10 秒刷新。</p></main>`;
      const nav = { username: request.user!.username, role: request.user!.role, csrfToken: reply.generateCsrf() };
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(layout('微信登录', body, nav).replace('<head>', '<head><meta http-equiv="refresh" content="10">'));
    },
  );
});
