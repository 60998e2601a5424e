import type { LoginState } from '../../queue/login.js';
import { type Html, html, raw } from './html.js';
import { when } from './parts.js';

const STATE_ZH = {
  starting: '正在启动…',
  scan: '请用村小助的微信扫描下面的二维码登录',
  online: '已登录',
  offline: '已掉线，正在等待重新扫码',
} as const;

export interface WechatInput {
  /** What the bot last wrote, or null when no bot has started. */
  state: LoginState | null;
  /** The login QR code as SVG (from qrSvg), while the bot waits for a scan. */
  qrSvg?: string | undefined;
  /** The deployment's TIMEZONE, for when the state was written. */
  timeZone: string;
}

/** The bot's WeChat login for the admin: who is logged in, or the QR code to scan. The page reloads itself. */
export function wechatView(input: WechatInput): Html {
  const { state } = input;
  return html`<main class="narrow"><h1>微信登录</h1>
    ${
      state
        ? html`<p class="card">${STATE_ZH[state.state]}${state.user ? html`：<b>${state.user}</b>` : ''}<br><span class="muted">更新于 ${when(
            state.at,
            input.timeZone,
          )}</span></p>
          ${input.qrSvg ? html`<div class="card" id="qr" role="img" aria-label="微信登录二维码">${raw(input.qrSvg)}</div>` : ''}`
        : html`<p class="card">机器人还没有启动（运行 <code>cunbot start</code>）。</p>`
    }
    <p class="muted">本页每 10 秒刷新。</p></main>`;
}
