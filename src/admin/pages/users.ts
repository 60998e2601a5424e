import { ROLE_ZH } from '../../cases/access.js';
import type { Village } from '../../villages/schema.js';
import type { ListedUser } from '../users.js';
import { type Html, html } from './html.js';
import { option, when } from './parts.js';

export interface UsersInput {
  users: ListedUser[];
  villages: Village[];
  csrfToken: string;
  timeZone: string;
  notice?: string | undefined;
}

function userRow(u: ListedUser, input: UsersInput): Html {
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}">`;
  const at = `/users/${encodeURIComponent(u.username)}`;
  const covers = [...u.villages.map((id) => input.villages.find((v) => v.id === id)?.name ?? id), ...u.townships];
  return html`<div class="card user-row" data-user="${u.username}">
    <div><b>${u.displayName ?? u.username}</b> <span class="muted">${u.username}</span> <span class="badge">${ROLE_ZH[u.role]}</span>${
      u.disabled ? html`<span class="badge overdue">已停用</span>` : ''
    }</div>
    <div class="meta">负责：${covers.join('、') || '全部'} · 上次登录：${when(u.lastLoginAt, input.timeZone)}</div>
    <form method="post" action="${at}/disabled" class="inline">${csrf}<input type="hidden" name="disabled" value="${
      u.disabled ? 'false' : 'true'
    }"><button type="submit" class="secondary">${u.disabled ? '启用' : '停用'}</button></form>
    <form method="post" action="${at}/password" class="inline">${csrf}<label for="pw-${u.username}">新密码</label><input type="password" id="pw-${
      u.username
    }" name="password" minlength="8" required autocomplete="new-password"><button type="submit" class="secondary">重设密码</button></form>
  </div>`;
}

/** The admin's users page: who may log in, with which role, when they last did; add, disable, reset a password. */
export function usersView(input: UsersInput): Html {
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}">`;
  return html`<main><h1>用户 <span class="muted">共 ${input.users.length} 人</span></h1>
  ${input.notice ? html`<p class="ok" role="status">${input.notice}</p>` : ''}
  ${input.users.map((u) => userRow(u, input))}
  <h2>添加用户</h2>
  <form method="post" action="/users" class="card">${csrf}
    <label for="new-username">用户名（登录用）</label><input id="new-username" name="username" required>
    <label for="new-name">姓名（答复的落款、处理记录里显示）</label><input id="new-name" name="displayName" maxlength="50">
    <label for="new-role">角色</label><select id="new-role" name="role">${Object.entries(ROLE_ZH).map(([k, v]) => option(k, v, 'advisor'))}</select>
    <fieldset><legend>负责的村</legend>${input.villages.map(
      (v) => html`<label class="check"><input type="checkbox" name="villages" value="${v.id}"> ${v.name}</label>`,
    )}</fieldset>
    <label for="new-township">或负责的乡镇（乡镇用户）</label><input id="new-township" name="township" maxlength="50">
    <label for="new-password">初始密码（至少 8 位）</label><input type="password" id="new-password" name="password" minlength="8" required autocomplete="new-password">
    <p><button type="submit">添加</button></p>
  </form></main>`;
}
