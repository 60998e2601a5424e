import { html } from './html.js';
import { layout } from './layout.js';

/** The page a person sees for an error or a missing page: the Chinese line, and the way home. */
export function errorPage(title: string, message: string): string {
  return layout({
    title,
    body: html`<main class="narrow"><h1>${title}</h1><p class="error">${message}</p><p><a href="/">返回首页</a></p></main>`,
  });
}
