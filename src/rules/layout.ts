import { BOUNDARY, INLINE, type Kind, LIST_KINDS, type ListKind, markerAt } from './markers.js';

/**
 * Which mark is the article level of a text. `article`: 第N条 articles (第N章 and short 一、 lines are sections);
 * a list kind: a text numbered only by a list (一、 lines, 1. lines, ㈠ blocks), with the outer list kinds above it
 * as section headings; `paragraph`: no numbering at all.
 */
export interface Layout {
  article: 'article' | ListKind | 'paragraph';
  /** List kinds whose lines are section headings ("一、社会治安" above "1." articles). */
  headings: ListKind[];
  /** Kinds that mark items inside an article, outermost first. */
  items: Kind[];
}

const SENTENCE_MARKS = /[。；;，,：:！!？?]/;
const MAX_HEADING = 20;

/** "社会治安", "總 則", "村民行為規范": short, no sentence inside. */
export function headingLike(text: string): boolean {
  const bare = text.replace(/\s+/g, '');
  return bare.length > 0 && bare.length <= MAX_HEADING && !SENTENCE_MARKS.test(bare) && /[\u4e00-\u9fff]/.test(bare);
}

const RANK: Record<ListKind, number> = { cn: 0, enclosed: 1, arabic: 2, parenArabic: 3, circled: 4 };

function below(kind: Kind): Kind[] {
  if (kind === 'article') return ['cn', 'enclosed', 'arabic', 'parenArabic', 'circled'];
  if (kind === 'cn' || kind === 'enclosed' || kind === 'arabic' || kind === 'parenArabic' || kind === 'circled') {
    return LIST_KINDS.filter((k) => RANK[k] > RANK[kind]);
  }
  return [];
}

/** Marks of each kind that start a line, and (for a list run together on few lines) those after a sentence end. */
function census(lines: string[]): Map<Kind, Array<{ line: number; rest: string }>> {
  const found = new Map<Kind, Array<{ line: number; rest: string }>>();
  const add = (kind: Kind, line: number, rest: string) => {
    let list = found.get(kind);
    if (!list) {
      list = [];
      found.set(kind, list);
    }
    list.push({ line, rest });
  };
  lines.forEach((line, i) => {
    const m = markerAt(line);
    if (m) add(m.kind, i, line.slice(m.length));
  });
  for (const kind of LIST_KINDS) {
    if ((found.get(kind)?.length ?? 0) >= 2) continue;
    lines.forEach((line, i) => {
      for (const m of line.matchAll(new RegExp(INLINE[kind]))) {
        if (m.index > 0 && BOUNDARY.test(line[m.index - 1]!)) add(kind, i, line.slice(m.index + m[0].length));
      }
    });
  }
  return found;
}

/** The heading words of a list line, up to where a lower list's first mark runs on ("社会治安1.村民要…"). */
function headingPart(rest: string, lower: ListKind[]): string {
  let end = rest.length;
  for (const k of lower) {
    const m = new RegExp(INLINE[k]).exec(rest);
    if (m && m.index < end) end = m.index;
  }
  return rest.slice(0, end);
}

export function chooseLayout(lines: string[]): Layout {
  const found = census(lines);
  const count = (k: Kind) => found.get(k)?.length ?? 0;
  const listMax = Math.max(...LIST_KINDS.map(count));
  if (count('article') >= 2 || (count('article') === 1 && listMax < 3)) {
    return { article: 'article', headings: [], items: below('article') };
  }
  const present = LIST_KINDS.filter((k) => count(k) >= 2);
  const headings: ListKind[] = [];
  for (const kind of present) {
    const marks = found.get(kind)!;
    const first = marks[0]!.line;
    const lower = present.filter((k) => RANK[k] > RANK[kind] && found.get(k)!.some((m) => m.line >= first));
    const short = marks.filter((m) => headingLike(headingPart(m.rest, lower))).length;
    if (lower.length > 0 && short >= marks.length / 2) {
      headings.push(kind);
      continue;
    }
    return { article: kind, headings, items: below(kind) };
  }
  return { article: 'paragraph', headings: [], items: [] };
}
