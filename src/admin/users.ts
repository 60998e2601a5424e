import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { SessionStore } from './sessions.js';

export const ROLES = ['advisor', 'mediator', 'committee', 'township', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const USERNAME = /^[\p{L}\p{N}_.-]{2,32}$/u;

const PasswordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const NewUserSchema = z
  .object({
    username: z.string().regex(USERNAME, '2–32 letters, digits, "_", "." or "-"'),
    password: PasswordSchema,
    role: RoleSchema,
    /** Village ids this user works for (a township user may instead name its townships). */
    villages: z.array(z.string().min(1)).default([]),
    /** Township names: the user covers every village whose village.json names that township. */
    townships: z.array(z.string().min(1)).default([]),
    displayName: z.string().max(50).optional(),
  })
  .refine((u) => u.role === 'admin' || u.villages.length > 0 || u.townships.length > 0, {
    message: 'name the villages this user works for (a township user may name townships instead)',
    path: ['villages'],
  });
export type NewUser = z.input<typeof NewUserSchema>;

const StoredUserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  villages: z.array(z.string()),
  townships: z.array(z.string()),
  displayName: z.string().optional(),
  disabled: z.boolean(),
  createdAt: z.string(),
  passwordHash: z.string(),
});
type StoredUser = z.infer<typeof StoredUserSchema>;
export type User = Omit<StoredUser, 'passwordHash'>;
/** A user as `users list` shows it: with the time of the last login, if any. */
export type ListedUser = User & { lastLoginAt: string | null };

export class UserError extends Error {
  override name = 'UserError';
}

// scrypt N=2^15 costs ~50 ms and 32 MiB: slow for a guesser, fine for a login.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: SCRYPT.maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64): parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = encoded.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A hash of a random password, compared against when the username is unknown, so a wrong username takes as
// long as a wrong password and does not reveal which usernames exist.
let decoy: Promise<string> | undefined;

/**
 * Admin users in Redis: one JSON value per user under `<prefix>:user:<name>`, names in `<prefix>:users`, last
 * logins in `<prefix>:last-login`. Disabling a user or changing the password ends the user's sessions.
 */
export class UserStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly sessions = new SessionStore(redis, prefix),
  ) {}

  private key(username: string): string {
    return `${this.prefix}:user:${username}`;
  }

  private get indexKey(): string {
    return `${this.prefix}:users`;
  }

  private get lastLoginKey(): string {
    return `${this.prefix}:last-login`;
  }

  async add(input: NewUser): Promise<User> {
    const parsed = NewUserSchema.parse(input);
    const user: StoredUser = {
      username: parsed.username,
      role: parsed.role,
      villages: parsed.villages,
      townships: parsed.townships,
      ...(parsed.displayName ? { displayName: parsed.displayName } : {}),
      disabled: false,
      createdAt: new Date().toISOString(),
      passwordHash: await hashPassword(parsed.password),
    };
    const created = await this.redis.set(this.key(user.username), JSON.stringify(user), 'NX');
    if (created !== 'OK') throw new UserError(`user "${user.username}" already exists`);
    await this.redis.sadd(this.indexKey, user.username);
    return publicUser(user);
  }

  /** Adds the user or, when it exists, resets its password, role and villages (used to seed the demo). */
  async upsert(input: NewUser): Promise<User> {
    await this.redis.del(this.key(input.username));
    await this.sessions.revokeAll(input.username);
    return this.add(input);
  }

  private async load(username: string): Promise<StoredUser | undefined> {
    const raw = await this.redis.get(this.key(username));
    if (!raw) return undefined;
    return StoredUserSchema.parse(JSON.parse(raw));
  }

  async get(username: string): Promise<User | undefined> {
    const user = await this.load(username);
    return user ? publicUser(user) : undefined;
  }

  async list(): Promise<ListedUser[]> {
    const names = (await this.redis.smembers(this.indexKey)).sort();
    const [users, logins] = await Promise.all([
      Promise.all(names.map((name) => this.get(name))),
      names.length ? this.redis.hmget(this.lastLoginKey, ...names) : [],
    ]);
    return users.flatMap((u, i) => (u ? [{ ...u, lastLoginAt: logins[i] ?? null }] : []));
  }

  async recordLogin(username: string, at: Date): Promise<void> {
    await this.redis.hset(this.lastLoginKey, username, at.toISOString());
  }

  /** Disabling ends every session at once; enabling again does not bring them back (the user logs in anew). */
  async setDisabled(username: string, disabled: boolean): Promise<User> {
    const user = await this.load(username);
    if (!user) throw new UserError(`no user "${username}"`);
    user.disabled = disabled;
    await this.redis.set(this.key(username), JSON.stringify(user));
    if (disabled) await this.sessions.revokeAll(username);
    return publicUser(user);
  }

  /** Ends every session of the user (a lost phone, a shared computer); returns how many there were. */
  async endSessions(username: string): Promise<number> {
    if (!(await this.redis.exists(this.key(username)))) throw new UserError(`no user "${username}"`);
    return this.sessions.revokeAll(username);
  }

  /** A new password; every session opened with the old one ends. */
  async resetPassword(username: string, password: string): Promise<User> {
    const valid = z.object({ password: PasswordSchema }).parse({ password }).password;
    const user = await this.load(username);
    if (!user) throw new UserError(`no user "${username}"`);
    user.passwordHash = await hashPassword(valid);
    await this.redis.set(this.key(username), JSON.stringify(user));
    await this.sessions.revokeAll(username);
    return publicUser(user);
  }

  /** The user when the password is right and the account enabled; otherwise undefined, in constant-ish time. */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const user = USERNAME.test(username) ? await this.load(username) : undefined;
    if (!user) {
      decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await decoy);
      return undefined;
    }
    const ok = await verifyPassword(password, user.passwordHash);
    return ok && !user.disabled ? publicUser(user) : undefined;
  }
}

function publicUser({ passwordHash: _hash, ...user }: StoredUser): User {
  return user;
}
