import { isOpen } from '../../cases/lifecycle.js';
import type { Case } from '../../cases/schema.js';
import type { Village } from '../../villages/schema.js';
import { formatClock, slaClock } from '../case-view.js';
import { INTENT_ZH, STATUS_ZH } from '../labels.js';
import { type Html, html } from './html.js';
import { actorZh, folded, option, when } from './parts.js';

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
  mediation: '人民调解',
};

export interface CaseInput {
  c: Case;
  village: Village | undefined;
  owners: Array<{ name: string; role: string; kind: string }>;
  csrfToken: string;
  notice?: string | undefined;
  /** The 议事协商 panel, for proposal cases. */
  proposal?: Html | undefined;
  /** The 人民调解 panel, for disputes. */
  mediation?: Html | undefined;
  /** The deployment's TIMEZONE, for every time on the page. */
  timeZone: string;
  /** The instant the SLA clock is read at (ms). */
  now: number;
  /** The village's canned replies (villages/<id>/canned.txt or templates/canned.txt). */
  canned: readonly string[];
  /** Staff logins on the timeline → the names people know them by. */
  names?: ReadonlyMap<string, string> | undefined;
}

/** "新建 → 已办结" for status changes and intent corrections, from the event's data. */
function change(e: Case['events'][number]): string {
  const from = e.data?.from;
  const to = e.data?.to;
  if (typeof from !== 'string' || typeof to !== 'string') return '';
  const names = e.type === 'status' ? STATUS_ZH : e.type === 'intent_corrected' ? INTENT_ZH : undefined;
  return names ? ` ${names[from] ?? from} → ${names[to] ?? to}` : '';
}

function timeline(c: Case, timeZone: string, names: ReadonlyMap<string, string>): Html {
  return html`<ol class="timeline" id="case-timeline">${[...c.events]
    .reverse()
    .map(
      (e) =>
        html`<li class="${e.type === 'note' ? 'note' : e.type === 'reply' ? 'reply' : ''}"><span class="muted">${when(e.at, timeZone)} · ${actorZh(
          e.actor,
          names,
        )}</span><br><b>${EVENT_ZH[e.type] ?? e.type}</b>${change(e)}${e.text ? folded(e.text, 'event-text', '：', true) : ''}</li>`,
    )}</ol>`;
}

/** What the resident said, the group around it, and who holds the case until when. */
function facts(input: CaseInput): Html {
  const { c, timeZone } = input;
  const clock = slaClock(c, input.now);
  return html`<section class="card" id="case-facts">
    <div class="muted">${input.village?.name ?? c.village} · ${c.channel === 'group' ? (c.room ?? '群聊') : '私聊'} · 村民 <b>${
      c.resident.name
    }</b> · ${when(c.receivedAt, timeZone)}</div>
    <div id="resident-words">${folded(c.text, 'words')}</div>
    ${c.messages.length > 1 ? html`<h2>后续消息</h2>${c.messages.slice(1).map((m) => folded(m.text, 'words', `${when(m.at, timeZone)}：`))}` : ''}
    ${c.context.length ? html`<h2>群里前面的消息</h2>${c.context.map((m) => folded(m.text, 'context', `${m.from}：`))}` : ''}
    <p>类别：<b>${INTENT_ZH[c.intent] ?? c.intent}</b>${
      c.intent !== c.predictedIntent ? html`（机器识别为 ${INTENT_ZH[c.predictedIntent]}）` : ''
    } · 负责人：<b>${c.owner ? `${c.owner.name}（${c.owner.role}）` : '未派单'}</b> · 时限 ${when(c.dueAt, timeZone)}
    <span class="clock ${clock.overdue ? 'late' : ''}">${formatClock(clock.msLeft, clock.running, c.deliberating && isOpen(c))}</span></p>
  </section>`;
}

function replyForms(c: Case, canned: readonly string[], csrf: Html, action: (what: string) => string): Html {
  return html`<section class="actions">
    <form method="post" action="${action('reply')}" class="card reply-box" id="reply-form">${csrf}
      <input type="hidden" name="internal" value="false">
      <h2>答复村民 <span class="muted">（会通过微信发给 ${c.resident.name}）</span></h2>
      <label for="canned">常用回复</label>
      <select id="canned" data-target="reply-text"><option value="">选择一条插入…</option>${canned.map((t) => html`<option>${t}</option>`)}</select>
      <label for="article">插入村规民约第几条</label>
      <div class="check"><input type="text" id="article" placeholder="例如 第十条 或 10" style="max-width:12rem"><button type="button" class="secondary" id="insert-article" data-village="${
        c.village
      }">插入</button><span id="article-status" class="error" role="status" aria-live="polite"></span></div>
      <label for="reply-text">答复内容</label><textarea id="reply-text" name="text" required maxlength="2000"></textarea>
      <p><button type="submit">发送答复</button></p>
    </form>
    <form method="post" action="${action('reply')}" class="card note-box">${csrf}
      <input type="hidden" name="internal" value="true">
      <h2>内部备注 <span class="muted">（只有工作人员能看到，不会发到微信）</span></h2>
      <label for="note-text">备注内容</label><textarea id="note-text" name="text" required maxlength="2000"></textarea>
      <p><button type="submit" class="secondary">保存备注</button></p>
    </form>
  </section>`;
}

function caseForms(input: CaseInput, csrf: Html, action: (what: string) => string): Html {
  const { c } = input;
  return html`<section class="actions">
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
  </section>`;
}

/** One case: the resident's words, the forms to answer and act on it, and its timeline. Script: /assets/case.js. */
export function caseView(input: CaseInput): Html {
  const { c } = input;
  const overdue = slaClock(c, input.now).overdue;
  const csrf = html`<input type="hidden" name="_csrf" value="${input.csrfToken}">`;
  const action = (what: string) => `/cases/${encodeURIComponent(c.id)}/${what}`;
  return html`<main data-live="case" data-case-id="${c.id}"><p><a href="/inbox">← 返回收件箱</a></p>
  <h1>${c.urgent ? html`<span class="badge urgent">紧急</span>` : ''}${overdue ? html`<span class="badge overdue">超时</span>` : ''}案件 ${c.number}
    <span class="badge status">${STATUS_ZH[c.status] ?? c.status}</span></h1>
  ${input.notice ? html`<p class="ok" role="status">${input.notice}</p>` : ''}
  ${facts(input)}
  ${input.proposal ?? ''}
  ${input.mediation ?? ''}
  ${replyForms(c, input.canned, csrf, action)}
  ${caseForms(input, csrf, action)}
  <h2>处理记录</h2>
  ${timeline(c, input.timeZone, input.names ?? new Map())}</main>`;
}
