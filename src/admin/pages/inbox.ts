import type { Village } from '../../villages/schema.js';
import { formatClock, type InboxRow } from '../case-view.js';
import { INTENT_ZH, STATUS_ZH } from '../labels.js';
import { type Html, html } from './html.js';
import { option, when } from './parts.js';

export interface InboxFilters {
  village?: string | undefined;
  status?: string | undefined;
  intent?: string | undefined;
  urgent?: boolean | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  offset: number;
  limit: number;
}

export interface InboxInput {
  rows: InboxRow[];
  total: number;
  filters: InboxFilters;
  villages: Village[];
  villageName: (id: string) => string;
  /** The deployment's TIMEZONE, for the times in the rows. */
  timeZone: string;
}

function pageLink(filters: InboxFilters, offset: number): string {
  const q = new URLSearchParams();
  for (const key of ['village', 'status', 'intent', 'q'] as const) if (filters[key]) q.set(key, String(filters[key]));
  if (filters.mine) q.set('mine', 'on');
  if (filters.urgent) q.set('urgent', 'on');
  if (filters.overdue) q.set('overdue', 'on');
  q.set('offset', String(offset));
  return `/inbox?${q}`;
}

function row(r: InboxRow, input: InboxInput): Html {
  return html`<a class="card case-row" href="/cases/${encodeURIComponent(r.id)}" data-case="${r.number}">
      <div>${r.urgent ? html`<span class="badge urgent">紧急</span>` : ''}${r.overdue ? html`<span class="badge overdue">超时</span>` : ''}<span class="badge status">${
        STATUS_ZH[r.status] ?? r.status
      }</span><span class="badge">${INTENT_ZH[r.intent] ?? r.intent}</span> <b>${r.number}</b></div>
      <div>${r.excerpt}</div>
      <div class="meta">${input.villageName(r.village)} · ${r.channel === 'group' ? (r.room ?? '群聊') : '私聊'} · ${r.resident} · ${when(
        r.receivedAt,
        input.timeZone,
      )} · 负责人：${r.owner?.name ?? '未派单'} · <span class="clock ${r.overdue ? 'late' : ''}">${formatClock(r.msLeft, r.slaRunning, r.deliberating)}</span></div>
    </a>`;
}

export function inboxView(input: InboxInput): Html {
  const { rows, filters } = input;
  return html`<main id="inbox" data-live="inbox"><h1>案件收件箱 <span class="muted">共 ${input.total} 件</span> <span id="live-badge" class="badge urgent" hidden></span></h1>
  <form method="get" action="/inbox" class="card filters" role="search">
    <div><label for="f-q">搜索</label><input id="f-q" type="search" name="q" value="${filters.q ?? ''}" placeholder="编号、姓名或内容"></div>
    <div><label for="f-village">村</label><select id="f-village" name="village"><option value="">全部</option>${input.villages.map(
      (v) => option(v.id, v.name, filters.village),
    )}</select></div>
    <div><label for="f-status">状态</label><select id="f-status" name="status"><option value="">待办</option>${option(
      'all',
      '全部',
      filters.status,
    )}${Object.entries(STATUS_ZH).map(([k, v]) => option(k, v, filters.status))}</select></div>
    <div><label for="f-intent">类别</label><select id="f-intent" name="intent"><option value="">全部</option>${Object.entries(
      INTENT_ZH,
    ).map(([k, v]) => option(k, v, filters.intent))}</select></div>
    <label class="check"><input type="checkbox" name="mine" ${filters.mine ? 'checked' : ''}> 只看我的</label>
    <label class="check"><input type="checkbox" name="urgent" ${filters.urgent ? 'checked' : ''}> 只看紧急</label>
    <label class="check"><input type="checkbox" name="overdue" ${filters.overdue ? 'checked' : ''}> 只看超时</label>
    <button type="submit">筛选</button>
  </form>
  <div id="case-rows">${rows.length === 0 ? html`<p class="card">没有符合条件的案件。</p>` : ''}
  ${rows.map((r) => row(r, input))}</div>
  <p>${filters.offset > 0 ? html`<a class="button" href="${pageLink(filters, Math.max(0, filters.offset - filters.limit))}">上一页</a> ` : ''}${
    filters.offset + filters.limit < input.total
      ? html`<a class="button" href="${pageLink(filters, filters.offset + filters.limit)}">下一页</a>`
      : ''
  }</p></main>`;
}
