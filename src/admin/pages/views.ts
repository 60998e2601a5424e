import type { Case } from '../../cases/schema.js';
import { nextStage, type Proposal, STAGE_ZH, STAGES } from '../../proposals/process.js';
import type { Village } from '../../villages/schema.js';
import { formatClock, type InboxRow, slaClock } from '../case-view.js';
import { INTENT_ZH, STATUS_ZH } from '../labels.js';
import type { Stats } from '../stats.js';
import { type Html, html } from './html.js';

// One formatter for all rows: toLocaleString builds a new one per call, which dominated the inbox's render time.
const CLOCK = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour12: false,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const time = (iso: string | null) => (iso ? CLOCK.format(new Date(iso)) : '—');

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}" ${value === selected ? 'selected' : ''}>${label}</option>`;

export function loginView(input: { csrfToken: string; next: string; error?: string; username?: string }): Html {
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

export interface InboxFilters {
  village?: string | undefined;
  status?: string | undefined;
  intent?: string | undefined;
  urgent?: boolean | undefined;
  overdue?: boolean | undefined;
  offset: number;
  limit: number;
}

export function inboxView(input: {
  rows: InboxRow[];
  total: number;
  filters: InboxFilters;
  villages: Village[];
  villageName: (id: string) => string;
}): Html {
  const { rows, filters } = input;
  const query = (offset: number) => {
    const q = new URLSearchParams();
    for (const key of ['village', 'status', 'intent'] as const) if (filters[key]) q.set(key, String(filters[key]));
    if (filters.urgent) q.set('urgent', 'on');
    if (filters.overdue) q.set('overdue', 'on');
    q.set('offset', String(offset));
    return `/inbox?${q}`;
  };
  return html`<main><h1>案件收件箱 <span class="muted">共 ${input.total} 件</span></h1>
  <form method="get" action="/inbox" class="card filters">
    <div><label for="f-village">村</label><select id="f-village" name="village"><option value="">全部</option>${input.villages.map(
      (v) => option(v.id, v.name, filters.village),
    )}</select></div>
    <div><label for="f-status">状态</label><select id="f-status" name="status"><option value="">全部</option>${Object.entries(
      STATUS_ZH,
    ).map(([k, v]) => option(k, v, filters.status))}</select></div>
    <div><label for="f-intent">类别</label><select id="f-intent" name="intent"><option value="">全部</option>${Object.entries(
      INTENT_ZH,
    ).map(([k, v]) => option(k, v, filters.intent))}</select></div>
    <label class="check"><input type="checkbox" name="urgent" ${filters.urgent ? 'checked' : ''}> 只看紧急</label>
    <label class="check"><input type="checkbox" name="overdue" ${filters.overdue ? 'checked' : ''}> 只看超时</label>
    <button type="submit">筛选</button>
  </form>
  ${rows.length === 0 ? html`<p class="card">没有符合条件的案件。</p>` : ''}
  ${rows.map(
    (r) => html`<a class="card case-row" href="/cases/${encodeURIComponent(r.id)}" data-case="${r.number}">
      <div>${r.urgent ? html`<span class="badge urgent">紧急</span>` : ''}${r.overdue ? html`<span class="badge overdue">超时</span>` : ''}<span class="badge status">${
        STATUS_ZH[r.status] ?? r.status
      }</span><span class="badge">${INTENT_ZH[r.intent] ?? r.intent}</span> <b>${r.number}</b></div>
      <div>${r.excerpt}</div>
      <div class="meta">${input.villageName(r.village)} · ${r.channel === 'group' ? (r.room ?? '群聊') : '私聊'} · ${r.resident} · ${time(
        r.receivedAt,
      )} · 负责人：${r.owner?.name ?? '未派单'} · <span class="clock ${r.overdue ? 'late' : ''}">${formatClock(r.msLeft, r.slaRunning)}</span></div>
    </a>`,
  )}
  <p>${filters.offset > 0 ? html`<a class="button" href="${query(Math.max(0, filters.offset - filters.limit))}">上一页</a> ` : ''}${
    filters.offset + filters.limit < input.total
      ? html`<a class="button" href="${query(filters.offset + filters.limit)}">下一页</a>`
      : ''
  }</p></main>`;
}

const CANNED = [
  '您好，您反映的问题已收到，我们正在处理，会尽快答复您。',
  '请您带上身份证和相关材料，在工作日到村委会办理。',
  '这个问题建议当面详谈，请在法律顾问值班时间到村委会，或先电话联系。',
  '经了解，问题已处理完毕。如还有疑问，请随时联系我们。',
];

const EVENT_ZH: Record<string, string> = {
  created: '收到',
  merged: '合并',
  assigned: '派单',
  reassigned: '改派',
  reply: '答复村民',
  note: '内部备注',
  status: '状态变更',
  intent_corrected: '更正类别',
  escalated: '上报乡镇',
  reminder: '提醒',
  overdue: '超时',
  sent: '已发送',
  send_failed: '发送失败',
  bot_reply: '机器人回复',
};

export function caseView(input: {
  c: Case;
  village: Village | undefined;
  owners: Array<{ name: string; role: string; kind: string }>;
  csrfToken: string;
  notice?: string | undefined;
  /** The 议事协商 panel, for proposal cases. */
  proposal?: Html | undefined;
}): Html {
  const { c, csrfToken } = input;
  const clock = slaClock(c);
  const csrf = html`<input type="hidden" name="_csrf" value="${csrfToken}">`;
  const action = (what: string) => `/cases/${encodeURIComponent(c.id)}/${what}`;
  return html`<main><p><a href="/inbox">← 返回收件箱</a></p>
  <h1>${c.urgent ? html`<span class="badge urgent">紧急</span>` : ''}${clock.overdue ? html`<span class="badge overdue">超时</span>` : ''}案件 ${c.number}
    <span class="badge status">${STATUS_ZH[c.status] ?? c.status}</span></h1>
  ${input.notice ? html`<p class="ok" role="status">${input.notice}</p>` : ''}
  <section class="card">
    <div class="muted">${input.village?.name ?? c.village} · ${c.channel === 'group' ? (c.room ?? '群聊') : '私聊'} · 村民 <b>${
      c.resident.name
    }</b> · ${time(c.receivedAt)}</div>
    <p class="words" id="resident-words">${c.text}</p>
    ${c.messages.length > 1 ? html`<h2>后续消息</h2>${c.messages.slice(1).map((m) => html`<p class="words">${time(m.at)}：${m.text}</p>`)}` : ''}
    ${c.context.length ? html`<h2>群里前面的消息</h2>${c.context.map((m) => html`<p class="context">${m.from}：${m.text}</p>`)}` : ''}
    <p>类别：<b>${INTENT_ZH[c.intent] ?? c.intent}</b>${
      c.intent !== c.predictedIntent ? html`（机器识别为 ${INTENT_ZH[c.predictedIntent]}）` : ''
    } · 负责人：<b>${c.owner ? `${c.owner.name}（${c.owner.role}）` : '未派单'}</b> · 时限 ${time(c.dueAt)}
    <span class="clock ${clock.overdue ? 'late' : ''}">${formatClock(clock.msLeft, clock.running)}</span></p>
  </section>

  ${input.proposal ?? ''}
  <section class="actions">
    <form method="post" action="${action('reply')}" class="card reply-box" id="reply-form">${csrf}
      <input type="hidden" name="internal" value="false">
      <h2>答复村民 <span class="muted">（会通过微信发给 ${c.resident.name}）</span></h2>
      <label for="canned">常用回复</label>
      <select id="canned" data-target="reply-text"><option value="">选择一条插入…</option>${CANNED.map((t) => html`<option>${t}</option>`)}</select>
      <label for="article">插入村规民约第几条</label>
      <div class="check"><input type="text" id="article" placeholder="例如 第十条 或 10" style="max-width:12rem"><button type="button" class="secondary" id="insert-article" data-village="${
        c.village
      }">插入</button></div>
      <label for="reply-text">答复内容</label><textarea id="reply-text" name="text" required maxlength="2000"></textarea>
      <p><button type="submit">发送答复</button></p>
    </form>
    <form method="post" action="${action('reply')}" class="card note-box">${csrf}
      <input type="hidden" name="internal" value="true">
      <h2>内部备注 <span class="muted">（只有工作人员能看到，不会发到微信）</span></h2>
      <label for="note-text">备注内容</label><textarea id="note-text" name="text" required maxlength="2000"></textarea>
      <p><button type="submit" class="secondary">保存备注</button></p>
    </form>
  </section>

  <section class="actions">
    <form method="post" action="${action('intent')}" class="card">${csrf}
      <label for="intent">更正类别</label><select id="intent" name="intent">${Object.entries(INTENT_ZH).map(([k, v]) => option(k, v, c.intent))}</select>
      <p><button type="submit" class="secondary">更正</button></p>
    </form>
    <form method="post" action="${action('assign')}" class="card">${csrf}
      <label for="owner">改派给</label><select id="owner" name="owner">${input.owners.map((o) =>
        option(
          `${o.kind}:${o.name}`,
          `${o.name}（${o.role}）`,
          c.owner ? `${c.owner.kind}:${c.owner.name}` : undefined,
        ),
      )}</select>
      <p><button type="submit" class="secondary">改派</button></p>
    </form>
    <form method="post" action="${action('escalate')}" class="card">${csrf}
      <label for="referral">上报乡镇（转办说明）</label><textarea id="referral" name="note" required maxlength="2000" placeholder="说明情况、已做的工作、需要乡镇做什么"></textarea>
      <p><button type="submit" class="warn">上报乡镇</button></p>
    </form>
    <form method="post" action="${action('status')}" class="card">${csrf}
      <label for="status">状态</label><select id="status" name="status">${Object.entries(STATUS_ZH).map(([k, v]) => option(k, v, c.status))}</select>
      <label for="status-note">说明（可不填）</label><input type="text" id="status-note" name="note" maxlength="2000">
      <p><button type="submit" class="secondary">更改状态</button></p>
    </form>
    ${
      c.status !== 'closed'
        ? html`<form method="post" action="${action('status')}" class="card">${csrf}<input type="hidden" name="status" value="closed">
      <label for="close-note">办结说明（可不填）</label><input type="text" id="close-note" name="note" maxlength="2000">
      <p><button type="submit" id="close-case">办结</button></p></form>`
        : ''
    }
  </section>

  <h2>处理记录</h2>
  <ol class="timeline">${[...c.events]
    .reverse()
    .map(
      (e) =>
        html`<li class="${e.type === 'note' ? 'note' : e.type === 'reply' ? 'reply' : ''}"><span class="muted">${time(e.at)} · ${actorZh(
          e.actor,
        )}</span><br><b>${EVENT_ZH[e.type] ?? e.type}</b>${change(e)}${e.text ? html`：${e.text}` : ''}</li>`,
    )}</ol>
  <script src="/assets/case.js"></script></main>`;
}

/** "新建 → 已办结" for status changes and intent corrections, from the event's data. */
function change(e: Case['events'][number]): string {
  const from = e.data?.from;
  const to = e.data?.to;
  if (typeof from !== 'string' || typeof to !== 'string') return '';
  const names = e.type === 'status' ? STATUS_ZH : e.type === 'intent_corrected' ? INTENT_ZH : undefined;
  return names ? ` ${names[from] ?? from} → ${names[to] ?? to}` : '';
}

function actorZh(actor: string): string {
  if (actor === 'bot') return '村小助';
  if (actor === 'system') return '系统';
  const [kind, name] = actor.split(/:(.*)/s);
  if (kind === 'resident') return `村民 ${name}`;
  if (kind === 'user') return `工作人员 ${name}`;
  return actor;
}

const percent = (n: number) => `${Math.round(n * 100)}%`;
const hours = (n: number | null) =>
  n === null
    ? '—'
    : n < 1
      ? `${Math.round(n * 60)} 分钟`
      : n < 48
        ? `${n.toFixed(1)} 小时`
        : `${(n / 24).toFixed(1)} 天`;

/** Received / resolved per week as bars, in plain SVG so it needs no script and prints well. */
function weeklyChart(stats: Stats): Html {
  const weeks = stats.weeks.slice(-12);
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.received, w.resolved)));
  const width = 640;
  const height = 200;
  const slot = width / Math.max(1, weeks.length);
  const bar = Math.max(2, slot / 2 - 4);
  const y = (n: number) => height - 20 - (n / max) * (height - 40);
  return html`<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="最近各周收到与办结的案件数" style="background:#fff;border-radius:8px">
    ${weeks.map(
      (
        w,
        i,
      ) => html`<g><rect x="${i * slot + 4}" y="${y(w.received)}" width="${bar}" height="${height - 20 - y(w.received)}" fill="#0b5cad"><title>${w.week} 收到 ${w.received}</title></rect>
      <rect x="${i * slot + 4 + bar}" y="${y(w.resolved)}" width="${bar}" height="${height - 20 - y(w.resolved)}" fill="#1f6f43"><title>${w.week} 办结 ${w.resolved}</title></rect>
      <text x="${i * slot + 4}" y="${height - 5}" font-size="11">${w.week.slice(5)}</text></g>`,
    )}
    <text x="${width - 150}" y="15" font-size="12" fill="#0b5cad">■ 收到</text><text x="${width - 80}" y="15" font-size="12" fill="#1f6f43">■ 办结</text>
  </svg>`;
}

export function dashboardView(input: {
  stats: Stats;
  villages: Village[];
  filters: { village?: string | undefined; from?: string | undefined; to?: string | undefined };
  villageName: (id: string) => string;
}): Html {
  const { stats, filters } = input;
  const csv = new URLSearchParams();
  if (filters.village) csv.set('village', filters.village);
  const table = (title: string, counts: Record<string, number>, label: (k: string) => string) =>
    html`<div><h2>${title}</h2><table>${Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => html`<tr><td>${label(k)}</td><td>${n}</td></tr>`)}</table></div>`;
  return html`<main><h1>统计</h1>
  <form method="get" action="/dashboard" class="card filters">
    <div><label for="d-village">村</label><select id="d-village" name="village"><option value="">全部</option>${input.villages.map(
      (v) => option(v.id, v.name, filters.village),
    )}</select></div>
    <div><label for="d-from">从</label><input type="date" id="d-from" name="from" value="${filters.from ?? ''}"></div>
    <div><label for="d-to">到</label><input type="date" id="d-to" name="to" value="${filters.to ?? ''}"></div>
    <button type="submit">查看</button>
  </form>
  <div class="grid">
    <div class="stat">案件总数<b id="stat-total">${stats.total}</b></div>
    <div class="stat">响应率<b id="stat-response">${percent(stats.responseRate)}</b></div>
    <div class="stat">解决率<b id="stat-resolution">${percent(stats.resolutionRate)}</b></div>
    <div class="stat">首次答复（平均 / 中位）<b>${hours(stats.firstResponseHours.mean)} / ${hours(stats.firstResponseHours.median)}</b></div>
    <div class="stat">办结用时（平均 / 中位）<b>${hours(stats.resolutionHours.mean)} / ${hours(stats.resolutionHours.median)}</b></div>
  </div>
  <h2>最近各周</h2>${weeklyChart(stats)}
  <div class="grid">
    ${table('按类别', stats.byIntent, (k) => INTENT_ZH[k] ?? k)}
    ${table('按状态', stats.byStatus, (k) => STATUS_ZH[k] ?? k)}
    ${table('按村', stats.byVillage, input.villageName)}
  </div>
  <p><a class="button" href="/api/cases.csv?${csv}">导出案件 CSV（报乡镇）</a></p></main>`;
}

/** The 议事协商 panel on a proposal's case page: the steps so far and the form for the next one. */
export function proposalPanel(input: { caseId: string; proposal: Proposal | undefined; csrfToken: string }): Html {
  const { proposal } = input;
  const next = nextStage(proposal?.stage);
  return html`<section class="card" id="proposal"><h2>议事协商（四议两公开）</h2>
    <ol class="timeline">${STAGES.map((stage) => {
      const step = proposal?.steps.find((s) => s.stage === stage);
      return html`<li class="${step ? 'reply' : ''}"><b>${STAGE_ZH[stage]}</b>${
        step
          ? html`<br><span class="muted">${time(step.at)} · ${actorZh(step.actor)}</span><br>${step.note}${
              step.votes
                ? html`<br>赞成 ${step.votes.for}，反对 ${step.votes.against}，弃权 ${step.votes.abstain} —— <b>${
                    proposal?.adopted ? '通过' : '未通过'
                  }</b>`
                : ''
            }`
          : html`<span class="muted">（未进行）</span>`
      }</li>`;
    })}</ol>
    ${
      next
        ? html`<form method="post" action="/cases/${encodeURIComponent(input.caseId)}/proposal"><input type="hidden" name="_csrf" value="${
            input.csrfToken
          }"><input type="hidden" name="stage" value="${next}">
      <label for="proposal-note">下一步：${STAGE_ZH[next]}，记录情况</label><textarea id="proposal-note" name="note" required maxlength="2000"></textarea>
      ${
        next === 'resolved'
          ? html`<div class="grid"><label>赞成<input type="text" inputmode="numeric" name="for" required></label><label>反对<input type="text" inputmode="numeric" name="against" value="0"></label><label>弃权<input type="text" inputmode="numeric" name="abstain" value="0"></label></div>`
          : ''
      }
      ${next === 'published' ? html`<label class="check"><input type="checkbox" name="announce" checked> 同时在群里公布结果</label>` : ''}
      <p><button type="submit">记录${STAGE_ZH[next].slice(0, 2)}</button></p></form>`
        : html`<p class="ok">已完成四议两公开。</p>`
    }</section>`;
}

export function proposalsView(input: { cases: Case[]; proposals: ReadonlyMap<string, Proposal> }): Html {
  return html`<main><h1>议事协商 <span class="muted">共 ${input.cases.length} 件建议</span></h1>
  <p class="muted">村民的建议按“四议两公开”办理：提议、商议、审议、决议，决议和实施结果公开。</p>
  ${input.cases.length === 0 ? html`<p class="card">还没有议事建议。</p>` : ''}
  ${input.cases.map((c) => {
    const p = input.proposals.get(c.id);
    const next = nextStage(p?.stage);
    return html`<a class="card case-row" href="/cases/${encodeURIComponent(c.id)}#proposal"><div><b>${c.number}</b> <span class="badge status">${
      p ? STAGE_ZH[p.stage] : '待提议'
    }</span>${p?.adopted === true ? html`<span class="badge">通过</span>` : p?.adopted === false ? html`<span class="badge">未通过</span>` : ''}</div>
    <div>${c.text}</div><div class="meta">${c.resident.name} · ${time(c.receivedAt)} · 下一步：${next ? STAGE_ZH[next] : '已完成'}</div></a>`;
  })}</main>`;
}
