import { ROLE_ZH } from '../labels.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

export const raw = (value: string) => new Html(value);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f4f5f7}
a{color:#0b5cad}header{background:#1f6f43;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none}header .brand{font-weight:700;margin-right:auto}header form{margin:0}
header button{background:none;border:1px solid #fff8;color:#fff;border-radius:4px;padding:.1rem .5rem}
main{padding:1rem;max-width:1100px;margin:0 auto}main.narrow{max-width:420px}
h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
.card{background:#fff;border-radius:8px;padding:.8rem 1rem;margin:.5rem 0;box-shadow:0 1px 2px #0002}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}
input,select,textarea,button{font:inherit}input[type=text],input[type=password],input[type=search],input[type=date],select,textarea{width:100%;padding:.5rem;border:1px solid #bbb;border-radius:6px;background:#fff}
textarea{min-height:6rem}button,.button{display:inline-block;background:#1f6f43;color:#fff;border:0;border-radius:6px;padding:.55rem 1rem;cursor:pointer;text-decoration:none}
button.secondary{background:#666}button.warn{background:#b35900}
.error{color:#b00020;background:#fde7ea;padding:.5rem .8rem;border-radius:6px}.ok{color:#1f6f43;background:#e3f4e9;padding:.5rem .8rem;border-radius:6px}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:.5rem;align-items:end}
.filters label{font-weight:400;margin:0}.check{display:flex;gap:.3rem;align-items:center}
.case-row{display:block;color:inherit;text-decoration:none}.case-row .meta{color:#555;font-size:.9rem}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;background:#e8eaed;margin-right:.25rem}
.badge.urgent{background:#b00020;color:#fff}.badge.overdue{background:#b35900;color:#fff}.badge.status{background:#dbe8f7}
.clock{font-weight:600}.clock.late{color:#b00020}
.timeline{list-style:none;padding:0}.timeline li{border-left:3px solid #ccc;padding:.2rem .6rem;margin:.4rem 0}
.timeline li.note{border-color:#d9a400;background:#fff8db}.timeline li.reply{border-color:#1f6f43}
.words{white-space:pre-wrap;font-size:1.05rem}.context{color:#555;font-size:.9rem}
.reply-box{border:2px solid #1f6f43}.note-box{border:2px dashed #d9a400;background:#fffbea}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.5rem}
.stat{background:#fff;border-radius:8px;padding:.6rem;box-shadow:0 1px 2px #0002}.stat b{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.5rem}
.muted{color:#666;font-size:.9rem}
`;

export interface Nav {
  username: string;
  role: string;
  csrfToken: string;
}

/** A whole page: the header shows the user's links when logged in. */
export function layout(title: string, body: Html | string, nav?: Nav): string {
  const header = nav
    ? html`<header><a class="brand" href="/inbox">村小助 · 工作台</a><a href="/inbox">案件</a><a href="/proposals">议事</a><a href="/dashboard">统计</a>${
        nav.role === 'admin' ? html`<a href="/wechat">微信登录</a><a href="/admin/queues">队列</a>` : ''
      }<span>${nav.username}（${ROLE_ZH[nav.role] ?? nav.role}）</span><form method="post" action="/logout"><input type="hidden" name="_csrf" value="${
        nav.csrfToken
      }"><button type="submit">退出</button></form></header>`
    : html`<header><span class="brand">村小助 · 工作台</span></header>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )} · 村小助</title><style>${STYLE}</style></head><body>${header}${String(body)}</body></html>`;
}
