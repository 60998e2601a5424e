/** A village's 村规民约 as structured text: what the excerpt finder ranks and the bot quotes. */
export interface RuleItem {
  /** Exactly as written: "（一）", "(二)", "1.", "2、". */
  label: string;
  text: string;
}

export interface RuleArticle {
  /** Exactly as written, e.g. "第十二条" or "第12条": the excerpt contract returns it verbatim. */
  label: string;
  number: number;
  /** Title of the chapter it belongs to ("消防安全"), or "" before any chapter. */
  chapter: string;
  /** The article's whole text without its label, items included, paragraphs joined by "\n". */
  text: string;
  items: RuleItem[];
}

export interface RuleChapter {
  /** As written: "第三章" or "三、". */
  label: string;
  title: string;
  articles: RuleArticle[];
}

export interface Rules {
  title: string;
  preamble: string;
  chapters: RuleChapter[];
  articles: RuleArticle[];
  /** Oddities a clerk may want to fix (numbering gaps, repeated numbers); parsing still succeeds. */
  warnings: string[];
}

export class RulesError extends Error {
  override name = 'RulesError';
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "一百零一" → 101, "十二" → 12, "12" → 12. */
export function numberOf(numeral: string): number {
  if (/^[0-9０-９]+$/.test(numeral)) {
    return Number(numeral.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  }
  let total = 0;
  let digit = 0;
  for (const ch of numeral) {
    const unit = CN_UNITS[ch];
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

const NUM = '[零〇一二两三四五六七八九十百千]+|[0-9０-９]+';
const CHAPTER_LINE = new RegExp(`^(第(?:${NUM})章)\\s*(.*)$`);
/** "一、总则": a chapter only when it reads as a heading (short, no sentence inside). */
const LIST_CHAPTER_LINE = /^([一二三四五六七八九十]+)\s*[、．.]\s*(.{1,24})$/;
const ARTICLE_HEAD = new RegExp(`^(第(?:${NUM})条)(?:\\s+|[：:、，,]\\s*|(?=[^款项之的规]))`);
/** An article heading later on a line, after a space or sentence end: "第二章 治安 第五条 …", "…。第六条 …". */
const ARTICLE_INLINE = new RegExp(`(?<=[\\s。；;！!])(第(?:${NUM})条)(?=\\s|[：:、])`, 'g');
/** Item markers at a line start or after "：", "；", "。": （一） (一) 1. 1、 1． and, inside an article, 一、 */
const ITEM_MARK =
  /(^|[：:；;。\n])\s*([（(][一二三四五六七八九十]+[）)]|[0-9]{1,2}(?:[.．、](?![0-9]))|[一二三四五六七八九十]{1,2}、)/g;

type Block = { kind: 'chapter'; label: string; title: string } | { kind: 'article'; label: string; body: string[] };

function cleanLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u3000\u00a0\t]/g, ' ')
    .split('\n')
    .map((l) => l.trim());
}

/** Splits a line where a later article heading with the next expected number begins. */
function splitInline(line: string, expectNext: () => number): string[] {
  const parts: string[] = [];
  let from = 0;
  let expected = expectNext();
  for (const m of line.matchAll(ARTICLE_INLINE)) {
    const num = numberOf(m[1]!.slice(1, -1));
    if (num !== expected) continue;
    parts.push(line.slice(from, m.index).trim());
    from = m.index;
    expected = num + 1;
  }
  parts.push(line.slice(from).trim());
  return parts.filter(Boolean);
}

function splitItems(text: string): RuleItem[] {
  const marks = [...text.matchAll(ITEM_MARK)];
  const items: RuleItem[] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index + marks[i + 1]![1]!.length : text.length;
    items.push({ label: m[2]!, text: text.slice(start, end).trim() });
  }
  return items;
}

/**
 * Parses 村规民约 text in the layouts villages use: chapters "第一章 …" or "一、…", articles "第一条" or "第1条",
 * items "（一）", "(一)", "1." or "1、". Tolerates a BOM, CRLF, full-width spaces, blank lines inside articles and
 * an article that starts on its chapter's line; "依照第十条处理" inside a sentence is a reference, not a heading.
 */
export function parseRules(text: string, { name = 'rules' }: { name?: string } = {}): Rules {
  const blocks: Block[] = [];
  const head: string[] = [];
  let lastNumber = 0;
  let current: Extract<Block, { kind: 'article' }> | undefined;

  const lines = cleanLines(text);
  // "一、…" headings are chapters only in texts without "第X章": elsewhere they are items inside an article.
  const listChapters = !lines.some((l) => CHAPTER_LINE.test(l));
  for (const raw of lines) {
    if (!raw) continue;
    for (const line of splitInline(raw, () => lastNumber + 1)) {
      const chapter = CHAPTER_LINE.exec(line) ?? (listChapters ? LIST_CHAPTER_LINE.exec(line) : null);
      if (chapter && !/[。；;，,：:]/.test(chapter[2]!)) {
        blocks.push({
          kind: 'chapter',
          label: chapter[0].slice(0, chapter[0].length - chapter[2]!.length).trim(),
          title: chapter[2]!.trim(),
        });
        current = undefined;
        continue;
      }
      const article = ARTICLE_HEAD.exec(line);
      if (article) {
        const num = numberOf(article[1]!.slice(1, -1));
        // A paragraph that opens with "第十条规定…" inside an article is a reference unless the number moves on.
        if (!current || num > lastNumber) {
          current = { kind: 'article', label: article[1]!, body: [line.slice(article[0].length).trim()] };
          blocks.push(current);
          lastNumber = num;
          continue;
        }
      }
      if (current) current.body.push(line);
      else if (blocks.length === 0) head.push(line);
    }
  }

  // The committee's name and the date under the last article sign the text; they are not part of the article.
  const last = blocks.findLast((b) => b.kind === 'article');
  while (last && last.body.length > 1 && looksLikeSignature(last.body.at(-1)!)) last.body.pop();

  const articles: RuleArticle[] = [];
  const chapters: RuleChapter[] = [];
  const warnings: string[] = [];
  let chapter: RuleChapter | undefined;
  for (const block of blocks) {
    if (block.kind === 'chapter') {
      chapter = { label: block.label, title: block.title, articles: [] };
      chapters.push(chapter);
      continue;
    }
    const body = block.body.filter(Boolean).join('\n');
    const article: RuleArticle = {
      label: block.label,
      number: numberOf(block.label.slice(1, -1)),
      chapter: chapter?.title ?? '',
      text: body,
      items: splitItems(body),
    };
    const previous = articles.at(-1);
    if (previous && article.number !== previous.number + 1) {
      warnings.push(`${name}: ${article.label} follows ${previous.label} — check the numbering`);
    }
    articles.push(article);
    chapter?.articles.push(article);
  }
  if (articles.length === 0) {
    throw new RulesError(`${name}: no articles found — number each article "第一条" or "第1条" at the start of a line`);
  }

  const [first, ...rest] = head;
  const titled = first !== undefined && looksLikeHeading(first);
  return {
    title: titled ? first : '',
    preamble: (titled ? rest : head).join('\n'),
    chapters,
    articles,
    warnings,
  };
}

function looksLikeHeading(line: string): boolean {
  return line.length <= 30 && !/[。；;]/.test(line);
}

function looksLikeSignature(line: string): boolean {
  return line.length <= 30 && !/[。；;，,：:]/.test(line);
}
