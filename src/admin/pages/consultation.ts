import type { Consultation } from '../../proposals/consultation.js';
import type { ConsultationReport } from '../../proposals/report.js';
import { type Html, html } from './html.js';
import { when } from './parts.js';

export interface ConsultationPageInput {
  caseId: string;
  number: string;
  report: ConsultationReport | null;
  csrfToken: string;
  timeZone: string;
  /** Open now (the deadline not passed). */
  open: boolean;
}

const counts = (r: { support: number; oppose: number; abstain: number }) =>
  `支持 ${r.support} · 反对 ${r.oppose} · 弃权 ${r.abstain}`;

function openForm(input: ConsultationPageInput): Html {
  return html`<form method="post" action="/cases/${encodeURIComponent(input.caseId)}/consultation" class="card">
    <input type="hidden" name="_csrf" value="${input.csrfToken}">
    <label for="consult-text">征集意见的内容（会在各群公告，并私信在外村民）</label>
    <textarea id="consult-text" name="text" required maxlength="2000"></textarea>
    <label>征集时长（小时）<input type="text" inputmode="numeric" name="hours" value="72" required></label>
    <p><button type="submit">开始意见征集</button></p></form>`;
}

function reportView(r: ConsultationReport, input: ConsultationPageInput): Html {
  const c: Consultation = r.consultation;
  const t = r.tally;
  return html`<section class="card"><h2>意见征集（协商意见，不是村民会议决定）</h2>
    <p>${c.text}</p>
    <p class="muted">${when(c.openedAt, input.timeZone)} 开始 · ${when(c.deadline, input.timeZone)} 截止 · ${
      input.open ? '进行中' : '已截止'
    } · ${c.perHousehold ? '每户一票' : '每人一票'} · <a href="/api/cases/${encodeURIComponent(input.caseId)}/consultation.csv">导出意见 CSV</a></p>
    <p><b>${counts(t)}</b>（共 ${t.voters} ${c.perHousehold ? '户' : '人'}）</p>
    <p>在外：${counts(t.byPlace.在外)}；在村：${counts(t.byPlace.在村)}</p>
    <table><thead><tr><th>村民小组</th><th>支持</th><th>反对</th><th>弃权</th></tr></thead><tbody>${Object.entries(
      t.byGroup,
    ).map(
      ([g, n]) => html`<tr><td>${g}</td><td>${n.support}</td><td>${n.oppose}</td><td>${n.abstain}</td></tr>`,
    )}</tbody></table></section>
  <section class="card"><h2>各人意见（仅村两委可见）</h2>
    <table><thead><tr><th>姓名</th><th>小组</th><th>户号</th><th></th><th>意见</th><th>理由</th><th>来自</th><th>时间</th></tr></thead><tbody>${r.voices.map(
      (v) =>
        html`<tr><td>${v.name}</td><td>${v.group}</td><td>${v.household}</td><td>${v.place}</td><td>${v.choice}</td><td>${v.reason}</td><td>${v.via}</td><td>${when(v.at, input.timeZone)}</td></tr>`,
    )}</tbody></table></section>
  <section class="card"><h2>留言（供会议参考）</h2><ul>${r.comments.map(
    (x) =>
      html`<li>${x.name}${x.counted ? '' : html` <span class="badge">未登记，未计票</span>`}：${x.text} <span class="muted">${when(x.at, input.timeZone)}</span></li>`,
  )}</ul></section>
  <section class="card"><h2>私信通知的在外村民</h2><ul>${r.asked.map(
    (a) => html`<li>${a.name} — ${a.answered ? '已回复' : html`<span class="muted">未回复</span>`}</li>`,
  )}</ul></section>`;
}

/** The consultation of one proposal: the form to open it, or its live tally, voices, comments and who was asked. */
export function consultationView(input: ConsultationPageInput): Html {
  return html`<main><h1>意见征集 <a href="/cases/${encodeURIComponent(input.caseId)}#proposal">${input.number}</a></h1>
  ${input.report ? reportView(input.report, input) : openForm(input)}</main>`;
}
