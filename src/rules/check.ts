import type { Rules } from './parse.js';

/** Something about how the rules were read that a clerk should look at: English for logs, Chinese for people. */
export interface ReadingIssue {
  en: string;
  zh: string;
}

/** An article holding more than this share of a long text swallowed others (a layout read wrongly). */
const HUGE_SHARE = 0.5;
const LONG_TEXT = 800;
/** More characters per article than any real village writes: articles were merged. */
const MAX_PER_ARTICLE = 600;
/** An article this short is a stray mark ("第三条" alone) or a split in the wrong place. */
const MIN_ARTICLE = 4;

const bare = (s: string) => s.replace(/\s+/g, '').length;
const some = (labels: string[]) => labels.slice(0, 5).join('、') + (labels.length > 5 ? ' …' : '');

/**
 * Signs that a text was read wrongly: one article holding most of it, labels that repeat, articles of a few
 * characters, few articles for a long text, no numbering at all. Pure: the start-up log and `cunbot rules check`
 * both show these.
 */
export function checkReading(rules: Rules): ReadingIssue[] {
  const issues: ReadingIssue[] = [];
  const { articles } = rules;
  const total = articles.reduce((sum, a) => sum + bare(a.text), 0);
  if (rules.layout.article === 'paragraph') {
    issues.push({
      en: `no article numbering found: read as ${articles.length} paragraphs (第1段…)`,
      zh: `没有找到条文编号，按 ${articles.length} 个段落读取（第1段、第2段…）`,
    });
  }
  const huge = articles.find((a) => bare(a.text) > HUGE_SHARE * total);
  if (huge && articles.length > 1 && total > LONG_TEXT) {
    issues.push({
      en: `${huge.label} holds ${Math.round((100 * bare(huge.text)) / total)}% of the text — articles may be merged into it`,
      zh: `${huge.label} 占了全文的 ${Math.round((100 * bare(huge.text)) / total)}%，可能有几条被并进了这一条`,
    });
  }
  const seen = new Set<string>();
  const repeated = [...new Set(articles.map((a) => a.label).filter((l) => seen.has(l) || !seen.add(l)))];
  if (repeated.length > 0) {
    issues.push({ en: `labels repeat: ${some(repeated)}`, zh: `编号重复：${some(repeated)}` });
  }
  const short = articles.filter((a) => bare(a.text) < MIN_ARTICLE).map((a) => a.label);
  if (short.length > 0) {
    issues.push({
      en: `very short articles: ${some(short)} — a mark may stand alone or split an article`,
      zh: `这些条文很短：${some(short)}，可能编号单独成行或把一条拆开了`,
    });
  }
  if (articles.length > 0 && total / articles.length > MAX_PER_ARTICLE) {
    issues.push({
      en: `${articles.length} articles for ${total} characters — articles may have been merged`,
      zh: `全文 ${total} 字只读出 ${articles.length} 条，可能有条文被合并`,
    });
  }
  return issues;
}
