import type { Binding, BindRequest } from '../../residents/store.js';
import type { Resident } from '../../villages/residents.js';
import { type Html, html } from './html.js';
import { when } from './parts.js';

export interface ResidentsPageInput {
  village: { id: string; name: string };
  roster: readonly Resident[];
  bindings: readonly Binding[];
  pending: readonly BindRequest[];
  csrfToken: string;
  timeZone: string;
  error?: string | undefined;
}

/** 村民名册 with who is bound to which WeChat name, the requests waiting, and the form to bind. */
export function residentsView(input: ResidentsPageInput): Html {
  const bound = new Map(input.bindings.map((b) => [b.resident, b]));
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}"><input type="hidden" name="village" value="${input.village.id}">`;
  return html`<main><h1>村民名册 <span class="muted">${input.village.name} · ${input.roster.length} 人，已登记微信 ${input.bindings.length} 人</span></h1>
  ${input.error ? html`<p class="card error">${input.error}</p>` : ''}
  <section class="card"><h2>待核实的登记申请</h2>${
    input.pending.length === 0
      ? html`<p class="muted">没有待核实的申请。</p>`
      : html`<ul>${input.pending.map(
          (p) =>
            html`<li><b>${p.wechatName}</b>：「${p.text}」 <span class="muted">${when(p.at, input.timeZone)}</span>${
              p.problem ? html` <span class="badge">${p.problem}</span>` : ''
            }${
              p.resident
                ? html`<form method="post" action="/residents/confirm" class="inline">${csrf}<input type="hidden" name="wechatName" value="${p.wechatName}"><button type="submit">核实无误，登记</button></form>`
                : ''
            }</li>`,
        )}</ul>`
  }</section>
  <section class="card"><h2>登记微信</h2><form method="post" action="/residents/bind">${csrf}
    <div class="grid"><label>微信名<input name="wechatName" required maxlength="100"></label><label>名册姓名<input name="name" required maxlength="20"></label><label>村民小组（重名时填）<input name="group" maxlength="20"></label><label>户号（重名时填）<input name="household" maxlength="20"></label></div>
    <p><button type="submit">登记</button></p></form></section>
  <section class="card"><h2>名册</h2><table><thead><tr><th>姓名</th><th>村民小组</th><th>户号</th><th>在外</th><th>微信</th><th>私信通知</th></tr></thead><tbody>${input.roster.map(
    (r) => {
      const b = bound.get(r.id);
      return html`<tr><td>${r.name}</td><td>${r.group}</td><td>${r.household}</td><td>${r.away ? '是' : ''}</td><td>${
        b ? `${b.wechatName}（${when(b.at, input.timeZone)}）` : html`<span class="muted">未登记</span>`
      }</td><td>${b ? (b.quiet ? '已关闭' : '接收') : ''}</td></tr>`;
    },
  )}</tbody></table></section></main>`;
}
