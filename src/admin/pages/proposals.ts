import type { Case } from '../../cases/schema.js';
import { nextStage, type Proposal, STAGE_ZH, STAGES } from '../../proposals/process.js';
import { type Html, html } from './html.js';
import { actorZh, clip, folded, when } from './parts.js';

export interface ProposalPanelInput {
  caseId: string;
  proposal: Proposal | undefined;
  csrfToken: string;
  /** The deployment's TIMEZONE, for the time of each step. */
  timeZone: string;
}

function step(stage: (typeof STAGES)[number], input: ProposalPanelInput): Html {
  const { proposal } = input;
  const done = proposal?.steps.find((s) => s.stage === stage);
  if (!done) return html`<li><b>${STAGE_ZH[stage]}</b><span class="muted">（未进行）</span></li>`;
  return html`<li class="reply"><b>${STAGE_ZH[stage]}</b><br><span class="muted">${when(done.at, input.timeZone)} · ${actorZh(
    done.actor,
  )}</span>${folded(done.note, 'step-note')}${
    done.votes
      ? html`赞成 ${done.votes.for}，反对 ${done.votes.against}，弃权 ${done.votes.abstain} —— <b>${
          proposal?.adopted ? '通过' : '未通过'
        }</b>`
      : ''
  }</li>`;
}

function nextForm(input: ProposalPanelInput): Html {
  const next = nextStage(input.proposal?.stage);
  if (!next) return html`<p class="ok">已完成四议两公开。</p>`;
  return html`<form method="post" action="/cases/${encodeURIComponent(input.caseId)}/proposal"><input type="hidden" name="_csrf" value="${
    input.csrfToken
  }"><input type="hidden" name="stage" value="${next}">
      <label for="proposal-note">下一步：${STAGE_ZH[next]}，记录情况</label><textarea id="proposal-note" name="note" required maxlength="2000"></textarea>
      ${
        next === 'resolved'
          ? html`<div class="grid"><label>赞成<input type="text" inputmode="numeric" name="for" required></label><label>反对<input type="text" inputmode="numeric" name="against" value="0"></label><label>弃权<input type="text" inputmode="numeric" name="abstain" value="0"></label></div>`
          : ''
      }
      ${next === 'published' ? html`<label class="check"><input type="checkbox" name="announce" checked> 同时在群里公布结果</label>` : ''}
      <p><button type="submit">记录${STAGE_ZH[next].slice(0, 2)}</button></p></form>`;
}

/** The 议事协商 panel on a proposal's case page: the steps so far and the form for the next one. */
export function proposalPanel(input: ProposalPanelInput): Html {
  return html`<section class="card" id="proposal"><h2>议事协商（四议两公开）</h2>
    <ol class="timeline">${STAGES.map((stage) => step(stage, input))}</ol>
    <p><a href="/cases/${encodeURIComponent(input.caseId)}/consultation">意见征集（村民协商意见）</a></p>
    ${nextForm(input)}</section>`;
}

export interface ProposalsInput {
  cases: Case[];
  proposals: ReadonlyMap<string, Proposal>;
  /** The deployment's TIMEZONE, for when each proposal came in. */
  timeZone: string;
}

/** Every proposal of the user's villages with its stage; each row links to its case. */
export function proposalsView(input: ProposalsInput): Html {
  return html`<main><h1>议事协商 <span class="muted">共 ${input.cases.length} 件建议</span></h1>
  <p class="muted">村民的建议按“四议两公开”办理：提议、商议、审议、决议，决议和实施结果公开。<a href="/residents">村民名册与微信登记</a></p>
  ${input.cases.length === 0 ? html`<p class="card">还没有议事建议。</p>` : ''}
  ${input.cases.map((c) => {
    const p = input.proposals.get(c.id);
    const next = nextStage(p?.stage);
    return html`<a class="card case-row" href="/cases/${encodeURIComponent(c.id)}#proposal"><div><b>${c.number}</b> <span class="badge status">${
      p ? STAGE_ZH[p.stage] : '待提议'
    }</span>${p?.adopted === true ? html`<span class="badge">通过</span>` : p?.adopted === false ? html`<span class="badge">未通过</span>` : ''}</div>
    <div>${clip(c.text)}</div><div class="meta">${c.resident.name} · ${when(c.receivedAt, input.timeZone)} · 下一步：${
      next ? STAGE_ZH[next] : '已完成'
    }</div></a>`;
  })}</main>`;
}
