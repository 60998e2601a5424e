import type { Village } from '../../villages/schema.js';
import { INTENT_ZH, STATUS_ZH } from '../labels.js';
import type { Stats } from '../stats.js';
import { type Html, html } from './html.js';
import { option } from './parts.js';

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

export interface DashboardInput {
  stats: Stats;
  villages: Village[];
  filters: { village?: string | undefined; from?: string | undefined; to?: string | undefined };
  villageName: (id: string) => string;
}

/** 统计: the committee's figures for a range of days (in the deployment's zone), and the CSV export. */
export function dashboardView(input: DashboardInput): Html {
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
    <div class="stat">满意率（未评价 ${stats.survey.未评价}）<b id="stat-satisfaction">${stats.satisfactionRate === null ? '—' : percent(stats.satisfactionRate)}</b></div>
    <div class="stat">重开率<b id="stat-reopen">${stats.reopenRate === null ? '—' : percent(stats.reopenRate)}</b></div>
    <div class="stat">纠纷在村调解成功<b id="stat-in-village">${stats.resolvedInVillageRate === null ? '—' : percent(stats.resolvedInVillageRate)}</b></div>
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
