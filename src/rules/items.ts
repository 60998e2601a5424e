import type { Kind } from './markers.js';

/** One item inside an article, as the rules write it. */
export interface RuleItem {
  /** Exactly as written: "（一）", "(二)", "1.", "2、", "①". */
  label: string;
  text: string;
}

const CN = '[一二三四五六七八九十]';
/** Item marks by kind, each after the start of a line or a clause end; ① may stand anywhere. */
const ITEM_MARKS: Partial<Record<Kind, string>> = {
  cn: `${CN}{1,2}、`,
  enclosed: `[（(]${CN}+[）)]|[\\u3220-\\u3229]`,
  arabic: '[0-9０-９]{1,2}\\s*[.．、](?![0-9０-９])|[\\u2488-\\u249b]',
  parenArabic: '[（(][0-9０-９]{1,2}[）)]|[\\u2474-\\u2487]',
  circled: '[\\u2460-\\u2473]',
};

function marksOf(text: string, kind: Kind): RegExpExecArray[] {
  const mark = ITEM_MARKS[kind];
  if (!mark) return [];
  const where = kind === 'circled' ? '()' : '(^|[：:；;。\\n])\\s*';
  return [...text.matchAll(new RegExp(`${where}(${mark})`, 'g'))];
}

/**
 * The items of an article: marks of the outermost item kind the article uses ("（一）" before "1."), each item
 * running to the next mark of that kind.
 */
export function splitItems(text: string, kinds: readonly Kind[]): RuleItem[] {
  for (const kind of kinds) {
    const marks = marksOf(text, kind);
    if (marks.length === 0) continue;
    return marks.map((m, i) => {
      const start = m.index + m[0].length;
      const next = marks[i + 1];
      const end = next ? next.index + next[1]!.length : text.length;
      return { label: m[2]!.replace(/\s+/g, ''), text: text.slice(start, end).trim() };
    });
  }
  return [];
}
