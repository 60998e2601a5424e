import { headingLike } from './layout.js';

/**
 * The parts of a 村规民约 around its articles: the date line under the title, the preamble, and the closing
 * (本村规民约自…起施行, 由村民委员会负责解释, the committee's name and the date under the text).
 */

const YEAR = '(?:[0-9０-９]{4}|[〇零一二三四五六七八九]{4})\\s*年';
/** "（2022年村民会议通过）", "2024年3月", "二〇二二年五月一日". */
const DATE_LINE = new RegExp(`^[（(【\\[]?[^。；;]{0,20}${YEAR}[^。；;]{0,28}$`);
const CLOSING =
  /(?:本|此|以上|上述)(?:村规民约|村規民約|规约|規約|公约|公約|章程|约定|約定|民约|民約|村规|村規)?[^。]{0,24}(?:自|从|從|于|於|通过后|通過後)[^。]{0,30}(?:施行|实施|實施|生效|执行|執行)|解释权|解釋權|负责解释|負責解釋|未尽事宜|未盡事宜|^(?:本|此|以上|上述|望|请|請|希望)[^。]{0,40}(?:遵照执行|遵照執行|共同遵守|自觉遵守|自覺遵守|认真遵守|認真遵守)/;
const SIGNATURE =
  /(?:委员会|委員會|村委会|村委會|村民会议|村民會議|代表会议|代表會議|党支部|黨支部|党总支|黨總支|村民小组|村民小組)$/;

export type Closing = string[];

export function looksLikeDate(line: string): boolean {
  return line.length <= 48 && DATE_LINE.test(line);
}

export function isSignature(line: string): boolean {
  return line.length <= 30 && (looksLikeDate(line) || (SIGNATURE.test(line) && !/[。；;，,]/.test(line)));
}

export function isClosing(line: string): boolean {
  return CLOSING.test(line);
}

type Body = { kind: 'article'; body: string[] } | { kind: 'heading' };

/**
 * Takes the closing off the end of the last article: from the first of its later lines that reads as a closing
 * (with a "附 则" heading line just before it), and any signature lines under it. An article whose own first
 * line is the closing ("第十条 本村规民约自通过之日起施行") stays an article.
 */
export function splitClosing(blocks: Body[]): string {
  const last = blocks.findLast((b): b is Extract<Body, { kind: 'article' }> => b.kind === 'article');
  if (!last) return '';
  const body = last.body;
  let end = body.length;
  while (end > 1 && isSignature(body[end - 1]!)) end--;
  let start = body.findIndex((line, i) => i > 0 && i < end && isClosing(line));
  if (start < 0) start = end;
  else if (start > 1 && headingLike(body[start - 1]!)) start--;
  return body.splice(start).join('\n');
}

const PREAMBLE = /制定本|特制定|制定如下|以下规定|如下规定|如下公约|现予公布|特订立|订立本|[：:]$/;

export interface Paragraph {
  text: string;
  /** The short heading line above it ("社会治安"), or "". */
  chapter: string;
}

/**
 * An unnumbered text read as paragraphs: a paragraph is a run of lines up to a blank line or a line ending a
 * sentence (so a line wrapped mid-sentence joins the next). The title, date lines, a preamble paragraph
 * ("为…，制定本村规民约。"), short heading lines and the closing are kept apart.
 */
export function paragraphsOf(lines: string[]): { head: string[]; paragraphs: Paragraph[]; closing: Closing } {
  const blocks: string[] = [];
  let open: string[] = [];
  const close = () => {
    if (open.length) blocks.push(open.join(''));
    open = [];
  };
  for (const line of lines) {
    if (!line) {
      close();
      continue;
    }
    if (headingLike(line)) close();
    open.push(line);
    if (/[。！!？?；;]$|[”」』]$/.test(line) || headingLike(line)) close();
  }
  close();

  const head: string[] = [];
  while (blocks.length > 1 && head.length < 4) {
    const first = blocks[0]!;
    const isTitle = head.length === 0 && headingLike(first);
    if (!isTitle && !looksLikeDate(first) && !PREAMBLE.test(first)) break;
    head.push(blocks.shift()!);
  }
  const closing: string[] = [];
  while (blocks.length > 1 && isSignature(blocks.at(-1)!)) closing.unshift(blocks.pop()!);
  const from = blocks.findIndex((p, i) => i > 0 && isClosing(p));
  if (from > 0) closing.unshift(...blocks.splice(from));

  const paragraphs: Paragraph[] = [];
  let chapter = '';
  blocks.forEach((text, i) => {
    const next = blocks[i + 1];
    if (headingLike(text) && next !== undefined && !headingLike(next)) chapter = text.replace(/\s+/g, ' ');
    else paragraphs.push({ text, chapter });
  });
  return { head, paragraphs, closing };
}
