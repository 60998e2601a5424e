/**
 * Numbers that say who or how much, never what is asked: phone and ID numbers, amounts, dates and times. The
 * features see a placeholder symbol instead (a non-word character, so it adds no n-gram, word or length), which
 * keeps "…能起诉吗 我电话138…" a legal question and a 5000元 from reading as an advert.
 */
export const MASKS = { phone: '☎', id: '▣', amount: '¥', date: '◷', time: '◴' } as const;

const CN = '零〇一二三四五六七八九十两';
const CN_DAY = '一二三四五六七八九十廿卅';

// Longest and most specific first: an ID holds a phone-like run, a date holds an amount-like number.
const RULES: Array<[RegExp, string]> = [
  // 18-digit ID (last may be X) and the old 15-digit one, optionally typed in groups of 6/4/4/4.
  [/(?<![\dA-Za-z])(?:\d{17}[\dXx]|\d{6}[ -]\d{4}[ -]?\d{4}[ -]?\d{3}[\dXx]|\d{15})(?![\dA-Za-z])/g, MASKS.id],
  // Mobile numbers with or without +86 and with spaces or dashes (138 1234 5678, 138-1234-5678).
  [/(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g, MASKS.phone],
  // Landlines with an area code ((0731)8456-1234, 0731-84561234) and service lines (400-123-4567).
  [/(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[ -]?\d{3,4}[ -]?\d{4}(?!\d)/g, MASKS.phone],
  [/(?<!\d)[48]00[ -]?\d{3}[ -]?\d{4}(?!\d)/g, MASKS.phone],
  // Dates: 2023年3月5日, 2023-03-05, 3月5号, 三月初五 style day numbers, 2023年.
  [/(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/g, MASKS.date],
  [/(?<!\d)(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]?|(?<!\d)\d{4}年(?:\d{1,2}月)?/g, MASKS.date],
  [new RegExp(`[${CN_DAY}]{1,3}月[初${CN_DAY}]{1,3}[日号]`, 'g'), MASKS.date],
  // Times: 8:30, 3点半, 下午三点 (a bare 一点 is "a bit", so a Chinese-numeral hour needs a time of day before it).
  [/(?<!\d)\d{1,2}[:：]\d{2}(?!\d)|(?<!\d)\d{1,2}[点时](?:半|\d{1,2}分?)?/g, MASKS.time],
  [
    new RegExp(`(?<=[上下中晚早]午|早上|晚上|凌晨|傍晚|夜里|半夜)[${CN}]{1,3}点(?:半|[${CN}]{1,3}分)?`, 'g'),
    MASKS.time,
  ],
  // Amounts: 5000元, 2万块, 3.5万, ¥500, 八万八, 十二万 (千万/万一 mean "by all means"/"in case" and stay).
  [
    /[¥￥]\s?\d+(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?(?:[万千百亿]+)?(?:块钱|块|元|圆|毛钱|毛)|(?<!\d)\d+(?:\.\d+)?[万亿]/g,
    MASKS.amount,
  ],
  [new RegExp(`[${CN}][${CN}百]*[万千亿][${CN}百]*(?:块钱|块|元)?(?!火急)`, 'g'), MASKS.amount],
  [new RegExp(`[${CN}][${CN}]*百(?:块钱|块|元)`, 'g'), MASKS.amount],
  // Any other long number (a bank card, an order number, an account) says nothing about the intent either.
  [/(?<!\d)\d{7,}(?!\d)/g, MASKS.phone],
];

/** A normalised text with its phone and ID numbers, amounts, dates and times replaced by placeholder symbols. */
export function maskEntities(normalized: string): string {
  // Most messages hold no digit and no Chinese numeral with a unit: skip the rules for them.
  if (!/[\d万千百月点]/.test(normalized)) return normalized;
  let s = normalized;
  for (const [pattern, symbol] of RULES) s = s.replace(pattern, symbol);
  return s;
}
