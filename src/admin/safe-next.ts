// Browsers drop tabs and newlines inside URLs and read "\" as "/", so "/\t/evil.example" and "/\evil.example"
// lead off-site as surely as "//evil.example"; and a control character in a Location header is a 500.
const UNSAFE = /[\s\p{Cc}\p{Cf}\\]|\/\//u;

/**
 * Where to send someone after login: `next` when it is a path on this site (one leading "/", no "//", no
 * backslash, no whitespace or control character, before or after percent-decoding), otherwise `fallback`.
 */
export function safeNext(next: string | undefined, fallback = '/'): string {
  if (!next?.startsWith('/')) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  if (UNSAFE.test(next) || UNSAFE.test(decoded) || !decoded.startsWith('/')) return fallback;
  // Header-safe: letters outside ASCII (a village name in a query) travel percent-encoded.
  return next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}
