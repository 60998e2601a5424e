import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to what the browser holds: a session (`s:<session id>`) once logged in, or a random
 * pre-login nonce (`a:<nonce>`) for the login form. A token is a random salt and an HMAC of salt and binding,
 * so it is refused for any other session, and a new session (every login) makes the old tokens worthless.
 */
export function csrfToken(key: Buffer, binding: string): string {
  const salt = randomBytes(12).toString('base64url');
  return `${salt}.${mac(key, salt, binding)}`;
}

export function csrfTokenValid(key: Buffer, binding: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length > 200) return false;
  const [salt, given, extra] = token.split('.');
  if (!salt || !given || extra !== undefined) return false;
  const expected = Buffer.from(mac(key, salt, binding));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function mac(key: Buffer, salt: string, binding: string): string {
  return createHmac('sha256', key).update(`${salt}|${binding}`).digest('base64url');
}
