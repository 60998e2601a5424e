import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Server-side sessions: the browser holds only a random token; Redis holds who it belongs to, with an expiry. */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds = 12 * 3600,
  ) {}

  // Only a hash of the token is stored, so a leaked Redis dump holds no usable session.
  private key(token: string): string {
    return `${this.prefix}:session:${createHash('sha256').update(token).digest('base64url')}`;
  }

  async create(username: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(token), username, 'EX', this.ttlSeconds);
    return token;
  }

  /** The username, and the session's expiry pushed back (a working advisor is not logged out mid-reply). */
  async resolve(token: string): Promise<string | undefined> {
    if (token.length > 100) return undefined;
    const key = this.key(token);
    const username = await this.redis.getex(key, 'EX', this.ttlSeconds);
    return username ?? undefined;
  }

  async destroy(token: string): Promise<void> {
    await this.redis.del(this.key(token));
  }
}
