import { BOUNDARY, INLINE, type ListKind, markerAt, numberOf, REFERENCE_AFTER } from './markers.js';

/** Page furniture a PDF or a document site leaves in pasted rules: "第 3 页 共 10 页", "- 3 -", "1/22", rules. */
const PAGE_NOISE = [
  /^第\s*[0-9０-９]+\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]+\s*页)?$/,
  /^共\s*[0-9０-９]+\s*页.*$/,
  /^[-—－–·•\s]*[0-9０-９]+[-—－–·•\s]*$/,
  /^[0-9０-９]+\s*\/\s*[0-9０-９]+$/,
  /^[-—－–_=*·•.。…\s]{3,}$/,
  // A web page's furniture around pasted rules.
  /^[【[]?(?:上一篇|下一篇|上一条|下一条|分享到|打印本页|关闭窗口|打印|关闭|责任编辑|責任編輯|浏览次数|瀏覽次數|点击数|點擊數|字号|字體|字体|发布时间|發布時間|来源|來源)[】\]]?(?:[：:\s]|$)/,
];
/** "…不以多欺少。第 1 页 共 2 页第四條…", "…1/ 22尊老爱幼…": page counters spliced into sentences. */
const INLINE_PAGE_OF = /第\s*[0-9０-９]+\s*页\s*[,，/]?\s*共\s*[0-9０-９]+\s*页/g;
const INLINE_PAGE = /(?<=[\u4e00-\u9fff，。；、,.;])\s*[0-9]{1,3}\s*\/\s+[0-9]{1,3}\s*(?=[\u4e00-\u9fff])/g;

/** What a web page or a word processor puts before a line's mark: "● ", "## ", "**", "【第一条】". */
const BULLET = /^(?:[●○■□◆◇★☆•▪►▶※]+|#{1,6}(?=\s))\s*/;
const BRACKETED_MARK = /^[【[]\s*(第\s*[^】\]]{1,8}?\s*(?:[条條章节節]|部分))\s*[】\]]/;

/**
 * Lines of the text, trimmed, with a BOM, CRLF, full-width and no-break spaces, tabs, bullets, markdown emphasis
 * and page furniture gone.
 */
export function cleanLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0\t\u2002-\u200b]/g, ' ')
    .replace(/\*\*/g, '')
    .split('\n')
    .map((l) => l.replace(INLINE_PAGE_OF, ' ').replace(INLINE_PAGE, '').trim())
    .map((l) => l.replace(BULLET, '').replace(BRACKETED_MARK, '$1 '))
    .map((l) => (PAGE_NOISE.some((p) => p.test(l)) ? '' : l));
}

const GLYPH = /^[\u2460-\u249b\u3220-\u3229]/;
const LEAD_STOP = /[。；;！!？?.．，,：:、\s“”"「」（）()]/;
/** Words that end a sentence pointing at an article ("依照第三条", "按本约第四条"), not a heading before one. */
const REFERENCE_BEFORE =
  /(?:依|按|照|据|據|违反|違反|根据|根據|参照|參照|适用|適用|见|見|本约|本約|规约|規約|民约|民約|于|於|和|及|或|与|與|至|到|在|由|第)$/;
const MAX_LEAD = 12;

/** "總 則第一條": a heading spaced out one character at a time still counts as the words before a mark. */
function leadStart(before: string): number {
  let start = before.length;
  while (start > 0 && !LEAD_STOP.test(before[start - 1]!)) start--;
  while (start >= 2 && before[start - 1] === ' ' && /[\u4e00-\u9fff]/.test(before[start - 2]!)) {
    if (start > 2 && !LEAD_STOP.test(before[start - 3]!)) break;
    start -= 2;
  }
  return start;
}

export interface RunOn {
  /** Whether heading words may run into the mark after this prefix (what precedes the words on the line). */
  headingAfter?: (prefix: string, atLineStart: boolean) => boolean;
  /** Marks written as one glyph (㈢, ⒊) can only be marks: they start an article wherever their number is next. */
  glyphs?: boolean;
}

/**
 * Where a mark starts in the middle of a line: after a sentence end or a space ("…处理。第五条…"), or straight
 * after a few heading words ("…。林地管理第四条…", "松岗村村规民约第一条…"). Only the number the text expects next
 * (or 1, a section starting its numbering again) counts, so "依照第三条处理" stays a reference. Returns the line's
 * pieces; a heading word run becomes a piece of its own.
 */
export function splitRunOn(
  line: string,
  pattern: RegExp,
  number: (mark: string) => number,
  state: { last: number },
  { headingAfter = () => true, glyphs = false }: RunOn = {},
): string[] {
  const pieces: string[] = [];
  let from = 0;
  const cut = (at: number, n: number, ...parts: string[]) => {
    pieces.push(...parts);
    from = at;
    state.last = n;
  };
  for (const m of line.matchAll(pattern)) {
    if (REFERENCE_AFTER.test(line.slice(m.index + m[0].length))) continue;
    const n = number(m[0]);
    if (m.index === 0) {
      // A mark that goes back ("5." then "2、运输") is a document site's page break, not the numbering.
      if (n > state.last || n === 1) state.last = n;
      continue;
    }
    const before = line.slice(from, m.index);
    if (glyphs && GLYPH.test(m[0])) {
      if (n === state.last + 1) cut(m.index, n, before);
      continue;
    }
    if (BOUNDARY.test(before.at(-1) ?? '')) {
      // After a sentence end, a mark not pointed at is a heading; a paste may have lost an article or two, and
      // the first article of a text may have any number.
      const next = state.last === 0 || (n > state.last && n <= state.last + 3) || (n === 1 && state.last > 1);
      if (next) cut(m.index, n, before);
      continue;
    }
    const start = leadStart(before);
    const lead = before.slice(start);
    const prefix = before.slice(0, start).trim();
    const atLineStart = from === 0 && start === 0;
    const words = lead.replace(/\s+/g, '');
    if (words.length < 2 || words.length > MAX_LEAD || !headingAfter(prefix, atLineStart)) continue;
    // "依照本规约第三条": a reference, unless the words open the line (the title: "松岗村村规民约第一条").
    if (!atLineStart && REFERENCE_BEFORE.test(lead)) continue;
    if (n !== state.last + 1 && !(n === 1 && state.last > 0) && state.last !== 0) continue;
    // A heading's own mark stays with its words: "第二章 治安第三条…" gives "第二章 治安" and "第三条…".
    const mark = markerAt(prefix);
    if (mark && mark.length >= prefix.length) cut(m.index, n, before);
    else cut(m.index, n, before.slice(0, start), lead);
  }
  pieces.push(line.slice(from));
  return pieces.map((p) => p.trim()).filter(Boolean);
}

const markNumber = (mark: string) => numberOf(mark.replace(/^第\s*|\s*(?:[条條章]|部分)$/g, ''));
const CHAPTER_INLINE = /第\s*(?:[零〇一二两兩三四五六七八九十百千]+|[0-9０-９]+)\s*(?:章|部分)/g;

/**
 * Splits run-on lines where a 第N章 chapter (after a sentence end, a space or the title) or a 第N条 article begins
 * mid-line; keeps each number sequence across lines.
 */
export function splitArticles(lines: string[]): string[] {
  const chapters = { last: 0 };
  const articles = { last: 0 };
  const afterTitle = (_prefix: string, atLineStart: boolean) => atLineStart;
  return lines.flatMap((line) => {
    if (!line) return [''];
    return splitRunOn(line, new RegExp(CHAPTER_INLINE), markNumber, chapters, { headingAfter: afterTitle }).flatMap(
      (piece) => splitRunOn(piece, new RegExp(INLINE.article), markNumber, articles),
    );
  });
}

function listNumber(mark: string): number {
  const glyph = mark.codePointAt(0)!;
  if (glyph >= 0x3220 && glyph <= 0x3229) return glyph - 0x3220 + 1;
  if (glyph >= 0x2488 && glyph <= 0x249b) return glyph - 0x2488 + 1;
  if (glyph >= 0x2474 && glyph <= 0x2487) return glyph - 0x2474 + 1;
  if (glyph >= 0x2460 && glyph <= 0x2473) return glyph - 0x2460 + 1;
  return numberOf(mark.replace(/[^零〇一二两兩三四五六七八九十百千0-9０-９]/g, ''));
}

/**
 * Splits run-on lines of a numbered list where the article kind's next number follows a sentence end ("…斗争。
 * 2.村民之间…"), or where a heading line runs straight into the first article ("一、社会治安1.村民要…").
 */
export function splitList(lines: string[], kind: ListKind, headingKinds: readonly ListKind[]): string[] {
  const state = { last: 0 };
  const headingStates = headingKinds.map(() => ({ last: 0 }));
  return lines.flatMap((line) => {
    if (!line) return [''];
    let pieces = [line];
    headingKinds.forEach((heading, i) => {
      const opts = { headingAfter: () => false, glyphs: true };
      pieces = pieces.flatMap((p) => splitRunOn(p, new RegExp(INLINE[heading]), listNumber, headingStates[i]!, opts));
    });
    // Heading words may only run into an article right after a heading's mark ("一、社会治安1.…"), never in a sentence.
    const afterHeadingMark = (prefix: string) => {
      const mark = markerAt(prefix);
      return (
        mark !== undefined && mark.length >= prefix.length && (headingKinds as readonly string[]).includes(mark.kind)
      );
    };
    const opts = { headingAfter: afterHeadingMark, glyphs: true };
    return pieces.flatMap((p) => splitRunOn(p, new RegExp(INLINE[kind]), listNumber, state, opts));
  });
}
