import { LEVEL_ZH, ladderOf, levelAbove, mediatorsAt, type Rung } from '../../cases/mediation.js';
import {
  type Case,
  MEDIATION_LEVELS,
  MEDIATION_OUTCOMES,
  type MediationLevel,
  type Owner,
} from '../../cases/schema.js';
import type { Village } from '../../villages/schema.js';
import { type Html, html } from './html.js';
import { folded, option, when } from './parts.js';

export interface MediationPanelInput {
  c: Case;
  village: Village | undefined;
  /** Everyone the case can be with: the village's people and the township's contacts. */
  people: readonly Owner[];
  csrfToken: string;
  /** The deployment's TIMEZONE, for the dates of each rung. */
  timeZone: string;
  /** Why this user may not record mediation (their role, whose case it is), else null. */
  refusal: string | null;
}

const person = (p: { name: string; role: string } | null | undefined) => (p ? `${p.name}（${p.role}）` : '—');

function rung(r: Rung, input: MediationPanelInput): Html {
  const { c, timeZone } = input;
  const at = MEDIATION_LEVELS.indexOf(r.level);
  const now = c.mediation ? MEDIATION_LEVELS.indexOf(c.mediation.level) : -1;
  if (!r.startedAt) {
    return html`<li><b>${LEVEL_ZH[r.level]}</b> <span class="muted">（${at < now ? '未经这一级' : '未到这一级'}）</span></li>`;
  }
  const current = at === now;
  const state = r.outcome ?? (current ? '进行中' : '未记录结果');
  const from = when(r.startedAt, timeZone);
  const to = r.endedAt ? when(r.endedAt, timeZone) : from;
  return html`<li class="${current ? 'current' : r.outcome === '调解成功' ? 'reply' : ''}" data-level="${r.level}"><b>${
    LEVEL_ZH[r.level]
  }</b> <span class="badge">${state}</span>${current ? html`<span class="badge status">当前</span>` : ''}<br>
    <span class="muted">调解人：${person(r.people ?? (current ? c.owner : undefined))} · ${from}${to === from ? '' : ` 至 ${to}`}</span>${
      r.note ? folded(r.note, 'step-note') : ''
    }</li>`;
}

/** Who mediates at the level: the rung's own people by default (the empty choice), or anyone of the village. */
function mediatorSelect(input: MediationPanelInput, level: MediationLevel): Html {
  const own = mediatorsAt(input.village, input.c, level) ?? input.c.owner;
  const others = input.people.filter((p) => !(own && p.name === own.name && p.kind === own.kind));
  return html`<label for="mediator">调解人</label><select id="mediator" name="mediator"><option value="">${
    own ? `${person(own)} · 本级默认` : '现负责人'
  }</option>${others.map((p) => option(`${p.kind}:${p.name}`, person(p), undefined))}</select>`;
}

function stepForm(input: MediationPanelInput, id: string, level: MediationLevel, body: Html, button: string): Html {
  return html`<form method="post" action="/cases/${encodeURIComponent(input.c.id)}/mediation" id="${id}"><input type="hidden" name="_csrf" value="${
    input.csrfToken
  }"><input type="hidden" name="level" value="${level}">${body}
    <p><button type="submit">${button}</button></p></form>`;
}

const noteField = (label: string, required: boolean) =>
  html`<label for="mediation-note">${label}</label><textarea id="mediation-note" name="note" maxlength="2000" ${
    required ? 'required' : ''
  }></textarea>`;

/** The one next step: start at the bottom rung, record how the current rung ended, or go up after 未成功. */
function nextStep(input: MediationPanelInput): Html {
  const m = input.c.mediation;
  if (!m) {
    const first = MEDIATION_LEVELS[0];
    return stepForm(
      input,
      'mediation-start',
      first,
      html`<h3>从${LEVEL_ZH[first]}开始</h3>${mediatorSelect(input, first)}${noteField('情况说明（可不填）', false)}`,
      '开始调解',
    );
  }
  if (!m.outcome) {
    return stepForm(
      input,
      'mediation-outcome',
      m.level,
      html`<fieldset><legend>${LEVEL_ZH[m.level]}的结果</legend>${MEDIATION_OUTCOMES.map(
        (o) => html`<label class="check"><input type="radio" name="outcome" value="${o}" required> ${o}</label>`,
      )}</fieldset>${noteField('调解情况（达成的协议、未成的原因）', true)}`,
      '记录结果',
    );
  }
  if (m.outcome !== '未成功') {
    const close = input.c.status === 'closed' ? '' : '如果事情已经处理完，请在下面办结案件。';
    return html`<p class="ok">调解已结束：${m.outcome}。${close}</p>`;
  }
  const up = levelAbove(m.level);
  if (!up) return html`<p class="muted">${LEVEL_ZH[m.level]}也未成功，调解程序已经走完。</p>`;
  return stepForm(
    input,
    'mediation-up',
    up,
    html`<h3>转到上一级：${LEVEL_ZH[up]}</h3>${mediatorSelect(input, up)}${noteField('转交说明（可不填）', false)}`,
    `转到${LEVEL_ZH[up]}`,
  );
}

/** The 人民调解 panel on a dispute's page: the ladder so far, and the form for its next step (if the user may). */
export function mediationPanel(input: MediationPanelInput): Html {
  const m = input.c.mediation;
  const ended = m?.outcome !== undefined && m.outcome !== '未成功';
  return html`<section class="card" id="mediation"><h2>人民调解</h2>
    <p class="muted">村民小组 → 村调委会 → 镇司法所/人民调解委员会 → 法院/仲裁，调解不成再往上一级。</p>
    <ol class="timeline" id="mediation-ladder">${ladderOf(input.c).map((r) => rung(r, input))}</ol>
    ${input.refusal && !ended ? html`<p class="muted">${input.refusal}</p>` : nextStep(input)}</section>`;
}
