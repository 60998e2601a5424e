import { localTime } from '../local-time.js';
import { type Html, html } from './html.js';

/** Pieces more than one page uses. */

export const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}" ${value === selected ? 'selected' : ''}>${label}</option>`;

/** An instant as staff read it in the deployment's zone, "—" when there is none. */
export const when = (at: string | null | undefined, timeZone: string) => localTime(at, timeZone) || '—';

/** Longer texts than this are folded behind 展开; a phone screen holds about this much. */
export const FOLD_AT = 300;
const PREVIEW = 160;

/**
 * A text of a resident or of staff, `lead` (who, when) before it, in a `<div>` (or an inline `<span>`). Over
 * FOLD_AT characters it shows its beginning and a 展开 / 收起 toggle: a <details>, so it works without a script and
 * with the keyboard.
 */
export function folded(text: string, className: string, lead: Html | string = '', inline = false): Html {
  const chars = [...text];
  if (chars.length <= FOLD_AT) {
    return inline
      ? html`<span class="${className}">${lead}${text}</span>`
      : html`<div class="${className}">${lead}${text}</div>`;
  }
  return html`<details class="fold ${className}"><summary>${lead}<span class="preview">${chars
    .slice(0, PREVIEW)
    .join(
      '',
    )}…</span><span class="more">展开全文（${chars.length} 字）</span><span class="less">收起</span></summary>${text}</details>`;
}

/** The first `n` characters, for rows that link to the whole text. */
export function clip(text: string, n = 140): string {
  const chars = [...text];
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : text;
}

export function actorZh(actor: string, names: ReadonlyMap<string, string> = new Map()): string {
  if (actor === 'bot') return '村小助';
  if (actor === 'system') return '系统';
  const [kind, name] = actor.split(/:(.*)/s);
  if (kind === 'resident') return `村民 ${name}`;
  // The person's name where the workbench knows it; the login only for a user since removed.
  if (kind === 'user') return names.get(name ?? '') ?? `工作人员 ${name}`;
  return actor;
}
