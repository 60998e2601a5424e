import { isClosing, looksLikeDate, paragraphsOf, splitClosing } from './edges.js';
import { type RuleItem, splitItems } from './items.js';
import { chooseLayout, headingLike, type Layout } from './layout.js';
import { cleanLines, splitArticles, splitList } from './lines.js';
import { type Marker, markerAt, numberOf } from './markers.js';

export type { RuleItem };
export { numberOf };

/** A village's 村规民约 as structured text: what the excerpt finder ranks and the bot quotes. */
export interface RuleArticle {
  /**
   * What the excerpt contract returns: the article's mark as written, spaces removed ("第十二条", "第1条", "一、",
   * "㈢"); in a section whose numbering starts again, the section's heading line with spaces removed, one space,
   * and the mark ("村民行為規范 第一條", "二、公共秩序 1."); "第3段" for the paragraphs of an unnumbered text.
   */
  label: string;
  /** The mark alone, spaces removed ("第一條"), whatever section it is in. */
  marker: string;
  number: number;
  /** Title of the section it belongs to ("消防安全"), or "" before any section. */
  chapter: string;
  /** The article's whole text without its mark, items included, lines joined by "\n". */
  text: string;
  items: RuleItem[];
}

export interface RuleChapter {
  /** The heading's own mark as written: "第三章", "三、", "㈡", or "" for a heading without one ("總 則"). */
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
  /** How the text was read: the article level ("article" for 第N条, a list kind, or "paragraph"). */
  layout: Layout;
  /** What follows the last article and is not part of it: 本村规民约自…起施行, the committee's name, the date. */
  closing: string;
}

/** Raised only for a text with nothing to read in it (empty, or not text); every layout is read. */
export class RulesError extends Error {
  override name = 'RulesError';
}

type Heading = { kind: 'heading'; label: string; title: string; line: string };
type Article = { kind: 'article'; marker: Marker; body: string[] };
type Block = Heading | Article;

/** Section headings without a mark that a text with multi-line articles must look like to count as one. */
const HEADING_WORD =
  /(?:[则則]|[规規][范範]|管理|治安|卫生|衛生|安全|文明|风尚|風尚|民俗|家庭|婚姻|秩序|建设|建設|保护|保護|事项|事項|义务|義務|权利|權利|制度|奖惩|獎懲|处罚|處罰|环境|環境|生育|教育|土地|民主|治理|服务|服務|村容|村貌|消防|林地|山林|用水|移风易俗|風俗|风俗|公德|和睦|邻里|鄰里)$/;

const TITLE_WORDS = /规民约|規民約|公约|公約|章程|规约|規約|村规|村規/;
const bare = (text: string) => text.replace(/\s+/g, '');

interface Reader {
  layout: Layout;
  /** 第N章 lines are present: then 一、 lines inside 第N条 texts are items, not sections. */
  chapters: boolean;
  /** Articles here run on over unmarked lines, so an unmarked short line is a heading only on stronger signs. */
  strict: boolean;
}

function articleStart(line: string, reader: Reader): Marker | undefined {
  const m = markerAt(line);
  return m && m.kind === reader.layout.article ? m : undefined;
}

function headingOf(line: string, reader: Reader): Heading | undefined {
  const m = markerAt(line);
  if (!m) return undefined;
  const title = line
    .slice(m.length)
    .replace(/^[\s：:、.．，,]+/, '')
    .trim();
  const isChapter = m.kind === 'chapter' && !/[。；;，,：:]/.test(title);
  const isListChapter =
    reader.layout.article === 'article' && m.kind === 'cn' && !reader.chapters && headingLike(title);
  const isListHeading = (reader.layout.headings as string[]).includes(m.kind);
  if (!isChapter && !isListChapter && !isListHeading) return undefined;
  return { kind: 'heading', label: m.label, title: title.replace(/\s+/g, ' '), line };
}

/** A bare heading's words: "村民行為規范：" is the heading 村民行為規范. */
const headingText = (line: string) => line.replace(/[：:]$/, '');

type Neighbours = { previous: string | undefined; next: string | undefined };

/** An unmarked short line right before an article: "總 則", "村民行為規范", "林地管理". */
function bareHeading(line: string, around: Neighbours, lastNumber: number, reader: Reader): boolean {
  const { previous, next } = around;
  if (!headingLike(headingText(line)) || markerAt(line) || looksLikeDate(line) || next === undefined) return false;
  // "村民应当做到：" announces its own lines: what follows it is the article's, not a heading.
  if (previous !== undefined && /[：:]$/.test(previous)) return false;
  const upcoming = articleStart(next, reader);
  if (!upcoming) return false;
  if (!reader.strict) return true;
  const words = headingText(line);
  return HEADING_WORD.test(words) || /\S\s+\S/.test(words) || (upcoming.number === 1 && lastNumber > 0);
}

/**
 * "（一）社会治安" over 第三条: a list-marked heading line between 第N条 articles. An item list is told apart by its
 * lead-in ("村民应当：") and by its runs of marks of one kind ("（一）守法" then "（二）爱护环境" before 第六条).
 */
function subHeading(line: string, around: Neighbours, reader: Reader): Heading | undefined {
  const { previous, next } = around;
  const m = markerAt(line);
  if (reader.layout.article !== 'article' || !m || m.kind === 'article' || m.kind === 'chapter') return undefined;
  const title = line.slice(m.length).trim();
  if (!headingLike(title) || next === undefined || !articleStart(next, reader)) return undefined;
  if (previous === undefined || /[：:]$/.test(previous) || markerAt(previous)?.kind === m.kind) return undefined;
  return { kind: 'heading', label: m.label, title: title.replace(/\s+/g, ' '), line };
}

const listHeading = (block: Block | undefined, reader: Reader): block is Heading =>
  block?.kind === 'heading' && (reader.layout.headings as string[]).includes(markerAt(block.line)?.kind ?? '');

function readBlocks(lines: string[], reader: Reader): { head: string[]; blocks: Block[] } {
  const head: string[] = [];
  const blocks: Block[] = [];
  const filled = lines.filter(Boolean);
  let current: Article | undefined;
  let lastNumber = 0;
  filled.forEach((line, i) => {
    // A PDF repeats the title at the top of every page.
    if (i > 0 && line === filled[0] && headingLike(line)) return;
    const around = { previous: filled[i - 1], next: filled[i + 1] };
    const heading = headingOf(line, reader) ?? subHeading(line, around, reader);
    const wordy = heading !== undefined && !headingLike(heading.title) && !articleStart(around.next ?? '', reader);
    if (heading && wordy && isClosing(heading.title) && current) {
      // "五、附则：本村规民约自…起施行。" at the end: the closing, written as one more heading.
      current.body.push(line);
      return;
    }
    if (heading && wordy && heading.label) {
      // "六、其他：村民之间借钱应写借条。" with no article under it: its words are an article of their own.
      const mark = markerAt(line)!;
      const lead = /^([^：:，,。]{1,10})[：:]/.exec(heading.title)?.[1] ?? '';
      current = { kind: 'article', marker: mark, body: [heading.title] };
      blocks.push({ ...heading, title: lead }, current);
      return;
    }
    if (heading) {
      blocks.push(heading);
      current = undefined;
      return;
    }
    const mark = articleStart(line, reader);
    // A list mark that goes back ("5." then "2、运输") is a document site's page break, not a new article.
    const isList = reader.layout.article !== 'article';
    if (mark && (!isList || !current || mark.number > lastNumber || mark.number === 1)) {
      current = { kind: 'article', marker: mark, body: [line.slice(mark.length).replace(/^[\s：:、，,.．]+/, '')] };
      blocks.push(current);
      lastNumber = mark.number;
      return;
    }
    // The first line is the title unless it reads as the first section's heading ("總 則", "社会治安" over 1.).
    const { next } = around;
    const isTitle =
      blocks.length === 0 &&
      head.length === 0 &&
      (TITLE_WORDS.test(line) || (!/[则則]$/.test(bare(line)) && !(next && articleStart(next, reader))));
    if (!isTitle && bareHeading(line, around, lastNumber, reader)) {
      const words = headingText(line);
      blocks.push({ kind: 'heading', label: '', title: words.replace(/\s+/g, ' '), line: words });
      current = undefined;
      return;
    }
    const above = blocks.at(-1);
    if (current) current.body.push(line);
    else if (blocks.length === 0) head.push(line);
    else if (listHeading(above, reader) && !isClosing(line)) {
      // "㈡消防安全" over unnumbered lines where other sections have numbered articles: its lines are its article.
      current = { kind: 'article', marker: markerAt(above.line)!, body: [line] };
      blocks.push(current);
    } else {
      // Text between a heading and its first article: it belongs to the article before the heading, if any.
      const previous = blocks.findLast((b): b is Article => b.kind === 'article');
      if (previous) previous.body.push(line);
      else head.push(line);
    }
  });
  return { head, blocks };
}

/**
 * Labels per the excerpt contract. A section whose first article's number is not above every number before it
 * starts its numbering again: its labels are the section's heading line (spaces removed, so "總 則" gives "總則"),
 * one space and the mark. A heading that still leaves two labels alike (no heading, or one heading twice) gets
 * its place in the text: "第2部分 第一条".
 */
function assignLabels(groups: Array<{ heading?: Heading; articles: RuleArticle[] }>): void {
  const used = new Set<string>();
  // Per kind of mark: "三、其他：…" after "3." does not start the 1. numbering again.
  const highest = new Map<string, number>();
  const kindOf = (a: RuleArticle) => markerAt(a.marker)?.kind ?? '';
  let part = 0;
  for (const group of groups) {
    const first = group.articles[0];
    if (!first) continue;
    part++;
    const restarts = first.number <= (highest.get(kindOf(first)) ?? 0);
    for (const article of group.articles) {
      let label = article.marker;
      if (restarts || used.has(label)) {
        const heading = group.heading ? bare(group.heading.line) : '';
        label = heading && !used.has(`${heading} ${article.marker}`) ? `${heading} ${article.marker}` : label;
        if (used.has(label)) label = `第${part}部分 ${article.marker}`;
        for (let n = 2; used.has(label); n++) label = `第${part}部分 ${article.marker}（${n}）`;
      }
      article.label = label;
      used.add(label);
      highest.set(kindOf(article), Math.max(highest.get(kindOf(article)) ?? 0, article.number));
    }
  }
}

function numberingWarnings(name: string, articles: RuleArticle[]): string[] {
  const warnings: string[] = [];
  for (let i = 1; i < articles.length; i++) {
    const [previous, article] = [articles[i - 1]!, articles[i]!];
    if (article.number === previous.number + 1 || article.number === 1) continue;
    if (markerAt(article.marker)?.kind !== markerAt(previous.marker)?.kind) continue;
    warnings.push(`${name}: ${article.label} follows ${previous.label} — check the numbering`);
  }
  return warnings;
}

function fromBlocks(blocks: Block[], reader: Reader): { chapters: RuleChapter[]; articles: RuleArticle[] } {
  const chapters: RuleChapter[] = [];
  const articles: RuleArticle[] = [];
  const groups: Array<{ heading?: Heading; articles: RuleArticle[] }> = [{ articles: [] }];
  let chapter: RuleChapter | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      chapter = { label: block.label, title: block.title, articles: [] };
      chapters.push(chapter);
      groups.push({ heading: block, articles: [] });
      continue;
    }
    const text = block.body.filter(Boolean).join('\n');
    const article: RuleArticle = {
      label: block.marker.label,
      marker: block.marker.label,
      number: block.marker.number,
      chapter: chapter?.title ?? '',
      text,
      items: splitItems(text, reader.layout.items),
    };
    articles.push(article);
    chapter?.articles.push(article);
    groups.at(-1)!.articles.push(article);
  }
  // A heading with no article under it (a trailing "附 则" before the closing) is not a section.
  const withArticles = chapters.filter((c) => c.articles.length > 0);
  // Sections are where numbering restarts; a bare list restart without a heading is its own group too.
  const regrouped = groups.flatMap((g) => {
    const out: typeof groups = [{ heading: g.heading, articles: [] }];
    for (const a of g.articles) {
      const last = out.at(-1)!.articles.at(-1);
      if (last && a.number <= last.number) out.push({ articles: [] });
      out.at(-1)!.articles.push(a);
    }
    return out;
  });
  assignLabels(regrouped);
  return { chapters: withArticles, articles };
}

/**
 * Reads 村规民约 in every layout villages publish: 第N章/第N条 (or 第1条, traditional 第一條), bare section
 * headings (總 則, 村民行為規范, 一、社会治安) with numbering that starts again, lists that are the articles (一、…十、,
 * 1.…48., ㈠ blocks with unmarked lines), run-on text pasted from a web page, and text with no numbering at all
 * (paragraphs 第1段, 第2段…). A title, a date line, a preamble and a closing are kept apart from the articles.
 * Throws RulesError only when there is no text.
 */
export function parseRules(text: string, { name = 'rules' }: { name?: string } = {}): Rules {
  const cleaned = cleanLines(text);
  if (!cleaned.some(Boolean)) throw new RulesError(`${name}: the file is empty — paste the village's 村规民约 into it`);
  let lines = splitArticles(cleaned);
  const layout = chooseLayout(lines);
  if (layout.article === 'paragraph') return paragraphRules(lines, layout);
  if (layout.article !== 'article') lines = splitList(lines, layout.article, layout.headings);

  const filled = lines.filter(Boolean);
  const isArticle = (l: string | undefined) => l !== undefined && markerAt(l)?.kind === layout.article;
  const first = filled.findIndex((l) => isArticle(l));
  const articleLines = filled.filter((l) => isArticle(l)).length;
  // Unmarked lines inside articles (not the heading lines right above one) make articles multi-line.
  const inside = filled.filter((l, i) => i > first && !markerAt(l) && !isArticle(filled[i + 1])).length;
  const reader: Reader = {
    layout,
    chapters: filled.some((l) => markerAt(l)?.kind === 'chapter'),
    strict: inside > articleLines / 2,
  };
  const { head, blocks } = readBlocks(lines, reader);
  const closing = splitClosing(blocks);
  const { chapters, articles } = fromBlocks(blocks, reader);
  return { ...headOf(head), chapters, articles, warnings: numberingWarnings(name, articles), layout, closing };
}

/** The title: the first short line naming the rules (a web page's breadcrumb above it is not), else the first. */
function headOf(head: string[]): { title: string; preamble: string } {
  const candidates = head.slice(0, 4).filter((l) => headingLike(l) && !looksLikeDate(l));
  const title = candidates.find((l) => TITLE_WORDS.test(l)) ?? (head[0] && candidates[0] === head[0] ? head[0] : '');
  const at = title ? head.indexOf(title) : -1;
  return { title, preamble: head.filter((_, i) => i !== at).join('\n') };
}

function paragraphRules(lines: string[], layout: Layout): Rules {
  const { head, paragraphs, closing } = paragraphsOf(lines);
  const articles = paragraphs.map(
    ({ text, chapter }, i): RuleArticle => ({
      label: `第${i + 1}段`,
      marker: `第${i + 1}段`,
      number: i + 1,
      chapter,
      text,
      items: splitItems(text, ['circled', 'parenArabic']),
    }),
  );
  const chapters: RuleChapter[] = [];
  for (const article of articles) {
    if (!article.chapter) continue;
    if (chapters.at(-1)?.title !== article.chapter) chapters.push({ label: '', title: article.chapter, articles: [] });
    chapters.at(-1)!.articles.push(article);
  }
  return { ...headOf(head), chapters, articles, warnings: [], layout, closing: closing.join('\n') };
}
