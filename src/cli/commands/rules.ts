import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkReading } from '../../rules/check.js';
import { readRulesFile } from '../../rules/file.js';
import type { Layout } from '../../rules/layout.js';
import { type Rules, RulesError } from '../../rules/parse.js';
import { RULES_FILE } from '../../villages/load.js';
import { UsageError } from '../errors.js';

const USAGE = 'usage: cunbot rules check FILE (or a village folder holding 村规民约.txt)';
const FIRST_WORDS = 36;

const LAYOUT_ZH: Record<Layout['article'], string> = {
  article: '“第N条”',
  cn: '“一、二、”',
  enclosed: '“㈠”或“（一）”',
  arabic: '“1. 2.”',
  parenArabic: '“（1）”',
  circled: '“①”',
  paragraph: '段落（没有编号）',
};

const clip = (text: string, n = FIRST_WORDS) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

/** How the rules were read, for the clerk who will see the bot quote them: Chinese, one fact per line. */
export function describeReading(file: string, rules: Rules): string {
  const out: string[] = [`文件：${file}`];
  if (rules.title) out.push(`标题：${rules.title}`);
  out.push(`读法：以${LAYOUT_ZH[rules.layout.article]}为条文，共 ${rules.articles.length} 条`);
  if (rules.preamble) out.push(`前言（不算条文）：${clip(rules.preamble, 60)}`);
  if (rules.chapters.length > 0) {
    out.push('', `分节（${rules.chapters.length}）：`);
    for (const c of rules.chapters)
      out.push(`  ${[c.label, c.title].filter(Boolean).join(' ')}（${c.articles.length} 条）`);
  }
  out.push('', `条文（${rules.articles.length}）：`);
  const width = Math.max(...rules.articles.map((a) => a.label.length));
  for (const a of rules.articles) out.push(`  ${a.label.padEnd(width)}  ${clip(a.text)}`);
  if (rules.closing) out.push('', `结尾（不算条文）：${clip(rules.closing, 60)}`);
  const issues = [...checkReading(rules).map((i) => i.zh), ...rules.warnings];
  out.push('', issues.length > 0 ? '请检查：' : '没有发现问题。');
  for (const issue of issues) out.push(`  - ${issue}`);
  return `${out.join('\n')}\n`;
}

/** `cunbot rules check FILE`: prints how the village's 村规民约 were read, so the village sees what the bot quotes. */
export async function run(argv: string[]): Promise<number> {
  const [sub, file, ...rest] = argv;
  if (sub !== 'check' || !file || rest.length > 0) {
    throw new UsageError(`${sub && sub !== 'check' ? `unknown rules command "${sub}"\n` : ''}${USAGE}`);
  }
  // A village folder stands for its rules file, so `cunbot rules check villages/xihe` works too.
  const path = existsSync(join(file, RULES_FILE)) ? join(file, RULES_FILE) : file;
  let rules: Rules;
  try {
    rules = readRulesFile(path);
  } catch (err) {
    if (err instanceof RulesError) throw new UsageError(err.message);
    throw err;
  }
  process.stdout.write(describeReading(path, rules));
  return 0;
}
