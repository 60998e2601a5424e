/**
 * The numbering marks 村规民约 use at the start of an article, a section or an item, and what number each one
 * stands for. Pure: the parser decides from these which mark is the article level of a given text.
 */

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "一百零一" → 101, "十二" → 12, "12" → 12, "１２" → 12. */
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

/**
 * `article` 第N条, `chapter` 第N章, `cn` 一、, `enclosed` ㈠ or （一）, `arabic` 1. 1、 1． ⒈, `parenArabic` （1） 1） ⑴,
 * `circled` ①. ㈠ and （一） are one kind: a text uses either glyph for the same level.
 */
export type Kind = 'article' | 'chapter' | 'cn' | 'enclosed' | 'arabic' | 'parenArabic' | 'circled';

/** List kinds from the outermost to the innermost, as Chinese documents nest them (一、 > （一） > 1. > （1） > ①). */
export const LIST_KINDS = ['cn', 'enclosed', 'arabic', 'parenArabic', 'circled'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface Marker {
  kind: Kind;
  /** The mark as written with spaces removed: "第十二条", "1.", "㈢", "（三）". */
  label: string;
  number: number;
  /** Length of the mark in the line, separators after it included. */
  length: number;
}

const CN_NUM = '[零〇一二两兩三四五六七八九十百千]+';
const NUM = `${CN_NUM}|[0-9０-９]+`;
const DIGITS = '[0-9０-９]{1,3}';

/** "第十条规定的…", "第三条所称…": a reference to an article, not its heading. */
const REFERENCE_AFTER = /^\s*(?:规定|規定|所|中|之|的|款|项|項|处理|處理|执行|執行|办理|辦理|[、和及与與至到或]\s*第)/;

const CHAPTER = new RegExp(`^第\\s*(${NUM})\\s*(?:章|节|節|编|編|部分)`);
const ARTICLE = new RegExp(`^第\\s*(${NUM})\\s*[条條]`);
const CN = new RegExp(`^(${CN_NUM})\\s*[、．.，,](?![0-9０-９])`);
const ENCLOSED = new RegExp(`^(?:[（(]\\s*(${CN_NUM})\\s*[）)]|([\\u3220-\\u3229]))`);
const ARABIC = new RegExp(`^(?:(${DIGITS})\\s*[.．、](?![0-9０-９])|([\\u2488-\\u249b]))`);
const PAREN_ARABIC = new RegExp(`^(?:[（(]\\s*(${DIGITS})\\s*[）)]|(${DIGITS})[）)]|([\\u2474-\\u2487]))`);
const CIRCLED = /^([\u2460-\u2473])/;

function glyphNumber(ch: string, first: number): number {
  return ch.charCodeAt(0) - first + 1;
}

function made(kind: Kind, m: RegExpExecArray, number: number): Marker {
  return { kind, label: m[0].replace(/\s+/g, ''), number, length: m[0].length };
}

/** The mark a line starts with, if any. A "第十条规定…" opening is a reference, not a mark. */
export function markerAt(line: string): Marker | undefined {
  let m = CHAPTER.exec(line);
  if (m) return made('chapter', m, numberOf(m[1]!));
  m = ARTICLE.exec(line);
  if (m) return REFERENCE_AFTER.test(line.slice(m[0].length)) ? undefined : made('article', m, numberOf(m[1]!));
  m = CN.exec(line);
  if (m) return made('cn', m, numberOf(m[1]!));
  m = ENCLOSED.exec(line);
  if (m) return made('enclosed', m, m[1] ? numberOf(m[1]) : glyphNumber(m[2]!, 0x3220));
  m = PAREN_ARABIC.exec(line);
  if (m) return made('parenArabic', m, m[3] ? glyphNumber(m[3], 0x2474) : numberOf(m[1] ?? m[2]!));
  m = ARABIC.exec(line);
  if (m) return made('arabic', m, m[1] ? numberOf(m[1]) : glyphNumber(m[2]!, 0x2488));
  m = CIRCLED.exec(line);
  if (m) return made('circled', m, glyphNumber(m[1]!, 0x2460));
  return undefined;
}

/** Where a mark of this kind may begin in the middle of a run-on line (its own pattern, without the ^). */
export const INLINE: Record<'article' | ListKind, RegExp> = {
  article: new RegExp(`第\\s*(?:${NUM})\\s*[条條]`, 'g'),
  cn: new RegExp(`(?<![零〇一二两兩三四五六七八九十百千])(?:${CN_NUM})\\s*[、．.](?![0-9０-９])`, 'g'),
  enclosed: new RegExp(`[（(]\\s*(?:${CN_NUM})\\s*[）)]|[\\u3220-\\u3229]`, 'g'),
  arabic: new RegExp(`(?<![0-9０-９.．])${DIGITS}\\s*[.．、](?![0-9０-９])|[\\u2488-\\u249b]`, 'g'),
  parenArabic: new RegExp(`[（(]\\s*${DIGITS}\\s*[）)]|[\\u2474-\\u2487]`, 'g'),
  circled: /[\u2460-\u2473]/g,
};

/** Characters after which a mark not pointed at starts something new: a sentence end, a space, a colon, a quote. */
export const BOUNDARY = /[。；;！!？?.．：:\s”」』]/;

export { REFERENCE_AFTER };
