import type { Redis } from 'ioredis';
import { CASE_LIMIT_WINDOW_S, CASES_PER_HOUR, type LimitVerdict, limitVerdict } from './plan-limit.js';

/**
 * The per-resident count of new cases in Redis (`<prefix>:bot:caselimit:…`, per hour of the bot's clock, so
 * `simulate` and tests move it), shared by every bot process; the decision is plan-limit.ts.
 */
export class CaseLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly limit = CASES_PER_HOUR,
  ) {}

  /** Counts one more new case of this resident and says whether it may be opened. */
  async verdict(village: string, resident: string, urgent: boolean, now: Date): Promise<LimitVerdict> {
    const hour = Math.floor(now.getTime() / (CASE_LIMIT_WINDOW_S * 1000));
    const key = `${this.prefix}:bot:caselimit:${village}:${resident}:${hour}`;
    // Kept a little past its hour, however far the clock is from Redis's own.
    const res = await this.redis
      .multi()
      .incr(key)
      .expire(key, 2 * CASE_LIMIT_WINDOW_S)
      .exec();
    const opened = Number(res?.[0]?.[1] ?? 0);
    if (limitVerdict({ opened, urgent, toldBefore: false, limit: this.limit }) === 'open') return 'open';
    // Told at most once a window: the first refusal sets the mark, later ones find it.
    const first = await this.redis.set(`${key}:told`, '1', 'EX', 2 * CASE_LIMIT_WINDOW_S, 'NX');
    return limitVerdict({ opened, urgent, toldBefore: first === null, limit: this.limit });
  }
}
