// Residents post phone and ID-card numbers in groups; logs must never keep them whole.
const ID_CARD = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;

export function maskText(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(MOBILE, '$1****$2').replace(LANDLINE, '$1****$2');
}

/** Masks every string inside a log record, however deep. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskText(value.message), stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
