// Residents post phone and ID-card numbers in groups, written every way a phone keyboard allows (+86, spaces,
// dashes, full-width digits from a Chinese IME); logs must never keep them whole. Ordinary numbers (case numbers
// such as XH-1201-007, amounts, dates, timestamps) have other shapes and stay as they are.
const D = '[0-9０-９]';
const NOT_DIGIT_BEFORE = '(?<![0-9０-９])';
const NOT_DIGIT_AFTER = '(?![0-9０-９])';
const SEP = '[ \\-－\\u00a0]';

// 18 digits: region (6), birth date 19xx/20xx + month + day, sequence (3), check digit (may be X); 15 digits: the
// older cards with a two-digit year and no check digit. The birth date keeps a 15-digit order number unmasked.
const MONTH = '(?:[0０][1-9１-９]|[1１][0-2０-２])';
const DAY = '(?:[0-2０-２][0-9０-９]|[3３][01０１])';
const ID_18 = new RegExp(
  `${NOT_DIGIT_BEFORE}([1-9１-９]${D}{5})((?:[12１２]${D}{3})${MONTH}${DAY})(${D}{3}[0-9０-９XxＸｘ])(?![0-9０-９XxＸｘ])`,
  'g',
);
const ID_15 = new RegExp(
  `${NOT_DIGIT_BEFORE}([1-9１-９]${D}{5})(${D}{2}${MONTH}${DAY})(${D}{3})${NOT_DIGIT_AFTER}`,
  'g',
);

// A mobile: 1[3-9]x xxxx xxxx, optionally after +86 / 0086 / 86, the groups joined by nothing or one separator.
const MOBILE = new RegExp(
  `${NOT_DIGIT_BEFORE}((?:(?:\\+|＋|00|００)?[8８][6６]${SEP}?)?[1１][3-9３-９]${D})(${SEP}?)${D}{4}(\\2${D}{4})${NOT_DIGIT_AFTER}`,
  'g',
);

// A landline: area code 0xx or 0xxx (maybe in brackets), then 7 or 8 digits, maybe split once.
const LANDLINE = new RegExp(
  `${NOT_DIGIT_BEFORE}([（(]?[0０]${D}{2,3}[）)]?${SEP}?)${D}{3,4}(${SEP}?${D}{4})${NOT_DIGIT_AFTER}`,
  'g',
);

export function maskText(text: string): string {
  return text
    .replace(ID_18, '$1********$3')
    .replace(ID_15, '$1******$3')
    .replace(MOBILE, '$1$2****$3')
    .replace(LANDLINE, '$1****$2');
}

// Numbers in a record (a phone stored as a number) are masked too; a number that changes becomes a string.
const maskNumber = (n: number): number | string => {
  if (!Number.isSafeInteger(n)) return n;
  const text = String(n);
  const masked = maskText(text);
  return masked === text ? n : masked;
};

const MAX_DEPTH = 8;

/** Masks every string and number inside a log record, keys included, however it is nested. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value === 'number') return maskNumber(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any record we write: dropped rather than written unmasked.
  if (depth > MAX_DEPTH) return '[nested too deep to log]';
  // Still an Error of the same class (pino's serializer names its type), with every own field masked.
  if (value instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(value)) {
      copy[key] = maskDeep((value as unknown as Record<string, unknown>)[key], depth + 1);
    }
    return copy;
  }
  // Dates and other values that say how they are written to JSON.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return maskDeep((value as { toJSON: () => unknown }).toJSON(), depth + 1);
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[maskText(k)] = maskDeep(v, depth + 1);
  return out;
}
