import { numberOf, type RuleArticle, type Rules } from '../rules/parse.js';

/** "第十条", "第10条", "十" or "10" all find article 10; the label is answered as the rules write it. */
export function findArticle(rules: Rules, asked: string): RuleArticle | undefined {
  const bare = asked.trim().replace(/^第/, '').replace(/条$/, '');
  if (!/^([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)$/.test(bare)) return undefined;
  const n = numberOf(bare);
  return rules.articles.find((a) => a.label === asked.trim()) ?? rules.articles.find((a) => a.number === n);
}
