import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleSeconds: number;
  /** A session ends this long after login, however busy. */
  maxSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleSeconds: 2 * 3600, maxSeconds: 12 * 3600 };

const StoredSessionSchema = z.object({ username: z.string(), createdAt: z.number() });

// Sessions written before the absolute lifetime held only the username: they count as ended, not as errors.
function parseStored(raw: string | null): z.infer<typeof StoredSessionSchema> | undefined {
  if (!raw) return undefined;
  try {
    const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface Session {
  /** The hash of the token: names the session in Redis and binds its CSRF tokens, without being the token. */
  id: string;
  username: string;
  /** Epoch ms of the login. */
  createdAt: number;
}

/** Seconds a session may still live at `now`: the idle span, cut short by the absolute end; 0 when over. */
export function secondsLeft(createdAt: number, now: number, policy: SessionPolicy): number {
  const untilEnd = Math.floor((createdAt + policy.maxSeconds * 1000 - now) / 1000);
  return Math.max(0, Math.min(policy.idleSeconds, untilEnd));
}

// Deletes every session listed for a user and the list itself in one step, so no session listed before the
// revocation outlives it.
const REVOKE_ALL = `
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return #ids`;

/**
 * Server-side sessions: the browser holds only a random token; Redis holds who it belongs to and when it began,
 * with an expiry, and lists each user's sessions so that disabling the user or resetting the password ends all
 * of them at once.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  // Only a hash of the token is stored, so a leaked Redis dump holds no usable session.
  private idOf(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  private get sessionPrefix(): string {
    return `${this.prefix}:session:`;
  }

  private userKey(username: string): string {
    return `${this.prefix}:sessions-of:${username}`;
  }

  async create(username: string, now = Date.now()): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session: Session = { id: this.idOf(token), username, createdAt: now };
    await this.redis
      .multi()
      .set(this.sessionPrefix + session.id, JSON.stringify({ username, createdAt: now }), 'EX', this.policy.idleSeconds)
      .sadd(this.userKey(username), session.id)
      .expire(this.userKey(username), this.policy.maxSeconds)
      .exec();
    return { token, session };
  }

  /** The session the token names, while it lives. Reading does not extend it: only `touch` does. */
  async resolve(token: string, now = Date.now()): Promise<Session | undefined> {
    if (token.length > 100) return undefined;
    const id = this.idOf(token);
    const stored = parseStored(await this.redis.get(this.sessionPrefix + id));
    if (!stored || secondsLeft(stored.createdAt, now, this.policy) === 0) return undefined;
    return { id, ...stored };
  }

  /** Pushes the idle expiry back after an accepted request (a working advisor is not logged out mid-reply). */
  async touch(session: Session, now = Date.now()): Promise<void> {
    const left = secondsLeft(session.createdAt, now, this.policy);
    const key = this.sessionPrefix + session.id;
    if (left > 0) await this.redis.expire(key, left);
    else await this.redis.del(key);
  }

  async destroy(token: string): Promise<void> {
    const id = this.idOf(token);
    const stored = parseStored(await this.redis.get(this.sessionPrefix + id));
    const multi = this.redis.multi().del(this.sessionPrefix + id);
    if (stored) multi.srem(this.userKey(stored.username), id);
    await multi.exec();
  }

  /** Ends every session of the user; returns how many there were. */
  async revokeAll(username: string): Promise<number> {
    return (await this.redis.eval(REVOKE_ALL, 1, this.userKey(username), this.sessionPrefix)) as number;
  }
}
