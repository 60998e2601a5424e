import { ROLE_ZH } from '../labels.js';
import { type Html, html } from './html.js';

/** The logged-in user as the header shows them; the token signs the logout form. */
export interface Nav {
  username: string;
  role: string;
  csrfToken: string;
}

export interface PageOptions {
  /** The tab's title, before "· 村小助". */
  title: string;
  /** The page's `<main>`. */
  body: Html;
  /** The user's links; without it the header shows only the name of the workbench (login, demo). */
  nav?: Nav | undefined;
  /** Scripts of this page under /assets, run after the body is parsed. */
  scripts?: readonly string[] | undefined;
  /** Style sheets of this page under /assets, after the shared one. */
  styles?: readonly string[] | undefined;
  /** Reload the page every so many seconds (the WeChat login, while a scan is awaited). */
  refreshSeconds?: number | undefined;
}

function header(nav: Nav | undefined): Html {
  if (!nav) return html`<header><span class="brand">村小助 · 工作台</span></header>`;
  return html`<header><a class="brand" href="/inbox">村小助 · 工作台</a><a href="/inbox">案件</a><a href="/proposals">议事</a><a href="/dashboard">统计</a>${
    nav.role === 'admin'
      ? html`<a href="/users">用户</a><a href="/wechat">微信登录</a><a href="/admin/queues">队列</a>`
      : ''
  }<span>${nav.username}（${ROLE_ZH[nav.role] ?? nav.role}）</span><form method="post" action="/logout"><input type="hidden" name="_csrf" value="${
    nav.csrfToken
  }"><button type="submit">退出</button></form></header>`;
}

/** A whole page around its body: the shared style, the header, and the page's own sheets and scripts. */
export function layout(page: PageOptions): string {
  const styles = ['/assets/app.css', ...(page.styles ?? [])];
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${
    page.refreshSeconds ? html`<meta http-equiv="refresh" content="${page.refreshSeconds}">` : ''
  }<title>${page.title} · 村小助</title>${styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}</head><body>${header(
    page.nav,
  )}${page.body}${(page.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}</body></html>`.value;
}
