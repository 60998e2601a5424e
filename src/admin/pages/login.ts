import { type Html, html } from './html.js';

export interface LoginInput {
  csrfToken: string;
  /** Where to go after logging in (already checked to be a same-site path). */
  next: string;
  error?: string | undefined;
  /** What was typed, kept after a failed try. */
  username?: string | undefined;
}

/** Who is logged in in this browser, and the way out, instead of a second login form. */
export function loggedInView(input: { name: string; role: string; csrfToken: string }): Html {
  return html`<main class="narrow"><h1>已登录</h1>
  <div class="card"><p>您已登录为 <b>${input.name}</b>（${input.role}）。</p>
  <p><a class="button" href="/inbox">进入案件收件箱</a></p>
  <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${input.csrfToken}">
    <p><button type="submit" class="secondary">退出</button>（退出后可用另一个账号登录）</p></form></div></main>`;
}

export function loginView(input: LoginInput): Html {
  return html`<main class="narrow"><h1>登录工作台</h1>
  ${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
  <form method="post" action="/login" class="card">
    <input type="hidden" name="_csrf" value="${input.csrfToken}">
    <input type="hidden" name="next" value="${input.next}">
    <label for="username">用户名</label><input type="text" id="username" name="username" autocomplete="username" required value="${input.username ?? ''}">
    <label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required>
    <p><button type="submit">登录</button></p>
  </form>
  <p class="muted">忘记密码请联系管理员（命令：cunbot users add）。</p></main>`;
}
