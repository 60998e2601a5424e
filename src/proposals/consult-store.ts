import type { Redis } from 'ioredis';
import { type Consultation, ConsultationError, ConsultationSchema } from './consultation.js';

/**
 * Consultations in Redis: one JSON value per proposal case, the open ones of a village in a set, and every open
 * one in a sorted set by deadline, so the close is a question to the clock (`due(now)`) any timer can ask.
 */
export class ConsultationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(caseId: string) {
    return `${this.prefix}:consult:${caseId}`;
  }
  private openKey(village: string) {
    return `${this.prefix}:consult:open:${village}`;
  }
  private closedKey(village: string) {
    return `${this.prefix}:consult:closed:${village}`;
  }
  private get deadlines() {
    return `${this.prefix}:consult:deadlines`;
  }

  async get(caseId: string): Promise<Consultation | null> {
    const raw = await this.redis.get(this.key(caseId));
    return raw ? ConsultationSchema.parse(JSON.parse(raw)) : null;
  }

  async create(c: Consultation): Promise<void> {
    const made = await this.redis.set(this.key(c.caseId), JSON.stringify(c), 'NX');
    if (made !== 'OK') {
      throw new ConsultationError('this proposal already had a consultation', '这项建议已经征集过意见了。');
    }
    await this.redis
      .multi()
      .sadd(this.openKey(c.village), c.caseId)
      .zadd(this.deadlines, Date.parse(c.deadline), c.caseId)
      .exec();
  }

  /** Changes one consultation; of two changes at once, each sees the other's (compare-and-set, retried). */
  async update(caseId: string, change: (c: Consultation) => Consultation): Promise<Consultation> {
    const key = this.key(caseId);
    for (let attempt = 0; attempt < 8; attempt++) {
      const raw = await this.redis.get(key);
      if (!raw) throw new ConsultationError(`no consultation on case ${caseId}`, '这项建议还没有开始征集意见。');
      const next = change(ConsultationSchema.parse(JSON.parse(raw)));
      const swapped = await this.redis.eval(COMPARE_AND_SET, 1, key, raw, JSON.stringify(next));
      if (swapped === 1) {
        if (next.closedAt) {
          await this.redis
            .multi()
            .srem(this.openKey(next.village), caseId)
            .zrem(this.deadlines, caseId)
            .zadd(this.closedKey(next.village), Date.parse(next.closedAt), caseId)
            .exec();
        }
        return next;
      }
    }
    throw new ConsultationError('the consultation kept changing', '意见征集刚被改过，请再试一次。');
  }

  async open(village: string): Promise<Consultation[]> {
    const ids = await this.redis.smembers(this.openKey(village));
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((c): c is Consultation => c !== null).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  /** A village's consultations closed since `since`, newest first. */
  async closedSince(village: string, since: Date): Promise<Consultation[]> {
    const ids = await this.redis.zrevrangebyscore(this.closedKey(village), '+inf', since.getTime());
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((c): c is Consultation => c !== null);
  }

  /** Every consultation still open, with its deadline (ms), soonest first. */
  async deadlinesAll(): Promise<Array<{ caseId: string; at: number }>> {
    const flat = await this.redis.zrange(this.deadlines, '0', '-1', 'WITHSCORES');
    const out: Array<{ caseId: string; at: number }> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ caseId: flat[i]!, at: Number(flat[i + 1]) });
    return out;
  }

  /** Case ids whose deadline has passed by `now`. */
  async due(now: Date): Promise<string[]> {
    return this.redis.zrangebyscore(this.deadlines, 0, now.getTime());
  }
}

const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;
