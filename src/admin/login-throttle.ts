import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Password guessing against one account, from however many addresses: after `freeAttempts` logins without a
 * success the account waits `baseLockMs` before the next try, and each further miss doubles the wait (up to
 * `maxLockMs`). A success clears the count; so does `windowMs` without any attempt after the last wait ended.
 */
export interface ThrottlePolicy {
  freeAttempts: number;
  baseLockMs: number;
  maxLockMs: number;
  windowMs: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = {
  freeAttempts: 5,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  windowMs: 15 * 60_000,
};

const StateSchema = z.object({ attempts: z.number().int().min(0), lastAt: z.number() });
/** Attempts since the last success, and when the last one was made (epoch ms). */
export type ThrottleState = z.infer<typeof StateSchema>;

export type Verdict = { allowed: true; next: ThrottleState } | { allowed: false; retryAt: number };

/** How long the account must wait after `attempts` unsuccessful attempts. */
export function lockMs(attempts: number, policy: ThrottlePolicy): number {
  if (attempts < policy.freeAttempts) return 0;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (attempts - policy.freeAttempts));
}

/** Whether a login attempt may go ahead at `now`, and the state it leaves behind if it does. */
export function decide(state: ThrottleState | undefined, now: number, policy: ThrottlePolicy): Verdict {
  const wait = state ? lockMs(state.attempts, policy) : 0;
  if (!state || now - state.lastAt >= wait + policy.windowMs)
    return { allowed: true, next: { attempts: 1, lastAt: now } };
  if (now < state.lastAt + wait) return { allowed: false, retryAt: state.lastAt + wait };
  return { allowed: true, next: { attempts: state.attempts + 1, lastAt: now } };
}

/** The refusal as the person at the login page reads it: how long to wait and until what time. */
export function retryMessage(retryAt: number, now: number, timeZone: string): string {
  const minutes = Math.max(1, Math.ceil((retryAt - now) / 60_000));
  const clock = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
  return `这个账号密码错误次数太多，已暂时锁定。请 ${minutes} 分钟后（${clock.format(retryAt)} 以后）再试；忘记密码请找管理员重置。`;
}

// Writes the new state only if nobody changed it since it was read: parallel guesses each see the count the
// previous one left, so sixteen at once still get only the free attempts.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

/** The throttle's state per username in Redis, shared by every admin process. */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly policy: ThrottlePolicy = LOGIN_THROTTLE,
  ) {}

  private key(username: string): string {
    return `${this.prefix}:login-throttle:${username}`;
  }

  /** Counts an attempt for the username, or refuses it while the account waits. */
  async attempt(username: string, now = Date.now()): Promise<Verdict> {
    const key = this.key(username);
    for (;;) {
      const raw = (await this.redis.get(key)) ?? '';
      const parsed = raw ? StateSchema.safeParse(JSON.parse(raw)) : undefined;
      const verdict = decide(parsed?.success ? parsed.data : undefined, now, this.policy);
      if (!verdict.allowed) return verdict;
      const ttl = lockMs(verdict.next.attempts, this.policy) + this.policy.windowMs;
      const set = await this.redis.eval(COMPARE_AND_SET, 1, key, raw, JSON.stringify(verdict.next), ttl);
      if (set === 1) return verdict;
    }
  }

  /** After a successful login the count starts again. */
  async clear(username: string): Promise<void> {
    await this.redis.del(this.key(username));
  }
}
