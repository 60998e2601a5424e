import { type Html, html } from './html.js';

export interface LoginInput {
  csrfToken: string;
  /** Where to go after logging in (already checked to be a same-site path). */
  next: string;
  error?: string | undefined;
  /** What was typed, kept after a failed try. */
  username?: string | undefined;
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
