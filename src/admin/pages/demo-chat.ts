import { type Html, html } from './html.js';

export interface DemoChatInput {
  csrfToken: string;
  /** The demo village's room topics. */
  rooms: string[];
  /** Names the newcomer may play. */
  residents: string[];
  /** The deployment's TIMEZONE: the chat shows its times in it (see /assets/demo.js). */
  timeZone: string;
}

/** The demo's village group chat beside the workbench. Script: /assets/demo.js, style: /assets/demo.css. */
export function demoChatView(input: DemoChatInput): Html {
  return html`<main class="demo" id="demo" data-csrf="${input.csrfToken}" data-time-zone="${input.timeZone}">
      <h1>演示：村民群聊</h1>
      <p class="muted">扮演一位村民在群里说话或私聊村小助；右边是法律顾问和村委会的工作台（演示账号见终端）。</p>
      <div class="demo-grid">
        <section class="card">
          <div class="filters">
            <div><label for="who">我是</label><input type="text" id="who" list="names" value="${input.residents[0] ?? '王大爷'}" maxlength="20"><datalist id="names">${input.residents.map(
              (n) => html`<option value="${n}">`,
            )}</datalist></div>
            <div><label for="where">发到</label><select id="where">${input.rooms.map(
              (r) => html`<option value="${r}">${r}（群聊）</option>`,
            )}<option value="">私聊村小助</option></select></div>
          </div>
          <div id="chat" class="chat" aria-live="polite"></div>
          <form id="say" class="say">
            <label class="check"><input type="checkbox" id="mention"> @村小助</label>
            <textarea id="text" maxlength="5000" placeholder="例如：我家宅基地被邻居占了，怎么办？" required></textarea>
            <button type="submit">发送</button>
          </form>
        </section>
        <section class="card"><iframe id="inbox" src="/login?next=/inbox" title="工作台"></iframe></section>
      </div>
    </main>`;
}
