import type { Redis } from 'ioredis';
import { z } from 'zod';

/** A WeChat contact bound to one roster entry. */
export const BindingSchema = z.object({
  resident: z.string(),
  /** The remark the bot sets on the contact: what a later message is recognised by, whatever the display name. */
  tag: z.string(),
  /** The display name last seen: where private messages go. */
  wechatName: z.string(),
  by: z.string(),
  at: z.string(),
  /** The resident asked not to be told of consultations privately. */
  quiet: z.boolean().default(false),
});
export type Binding = z.infer<typeof BindingSchema>;

/** A resident's own request to be bound, waiting for the committee. */
export const RequestSchema = z.object({
  wechatName: z.string(),
  text: z.string(),
  at: z.string(),
  /** The roster entry it names, when exactly one fits. */
  resident: z.string().optional(),
  problem: z.string().optional(),
});
export type BindRequest = z.infer<typeof RequestSchema>;

/**
 * Bindings per village in Redis: `res:<v>:bound` resident → binding, with two lookups (`tags`: remark → resident,
 * `names`: display name → resident) and `pending` requests by display name. Never keyed on WeChat ids.
 */
export class ResidentStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private k(village: string, what: 'bound' | 'tags' | 'names' | 'pending') {
    return `${this.prefix}:res:${village}:${what}`;
  }

  async bind(village: string, b: Binding): Promise<void> {
    const earlier = await this.get(village, b.resident);
    const m = this.redis.multi();
    if (earlier) m.hdel(this.k(village, 'names'), earlier.wechatName);
    // The display name belonged to someone else before: it now means this resident.
    const other = await this.redis.hget(this.k(village, 'names'), b.wechatName);
    if (other && other !== b.resident) m.hdel(this.k(village, 'bound'), other);
    m.hset(this.k(village, 'bound'), b.resident, JSON.stringify(b));
    m.hset(this.k(village, 'tags'), b.tag, b.resident);
    m.hset(this.k(village, 'names'), b.wechatName, b.resident);
    m.hdel(this.k(village, 'pending'), b.wechatName);
    await m.exec();
  }

  async get(village: string, resident: string): Promise<Binding | null> {
    const raw = await this.redis.hget(this.k(village, 'bound'), resident);
    return raw ? BindingSchema.parse(JSON.parse(raw)) : null;
  }

  /** The villages among these where the contact is bound (a private chat names none); a read only, in one trip. */
  async boundIn(villages: readonly string[], who: { name: string; alias?: string | undefined }): Promise<string[]> {
    const pipe = this.redis.pipeline();
    for (const v of villages) {
      pipe.hexists(this.k(v, 'tags'), who.alias ?? '');
      pipe.hexists(this.k(v, 'names'), who.name);
    }
    const res = (await pipe.exec()) ?? [];
    return villages.filter((_, i) => res[2 * i]?.[1] === 1 || res[2 * i + 1]?.[1] === 1);
  }

  /** Who wrote: by the remark first (stable), by the display name bound last otherwise. */
  async find(village: string, who: { name: string; alias?: string | undefined }): Promise<Binding | null> {
    const byTag = who.alias ? await this.redis.hget(this.k(village, 'tags'), who.alias) : null;
    const id = byTag ?? (await this.redis.hget(this.k(village, 'names'), who.name));
    const b = id ? await this.get(village, id) : null;
    if (!b) return null;
    if (b.wechatName !== who.name) {
      // Renamed: private messages follow the new name.
      const renamed = { ...b, wechatName: who.name };
      await this.redis
        .multi()
        .hdel(this.k(village, 'names'), b.wechatName)
        .hset(this.k(village, 'names'), who.name, b.resident)
        .hset(this.k(village, 'bound'), b.resident, JSON.stringify(renamed))
        .exec();
      return renamed;
    }
    return b;
  }

  async all(village: string): Promise<Binding[]> {
    const raw = await this.redis.hvals(this.k(village, 'bound'));
    return raw.map((r) => BindingSchema.parse(JSON.parse(r)));
  }

  async setQuiet(village: string, resident: string, quiet: boolean): Promise<void> {
    const b = await this.get(village, resident);
    if (b) await this.redis.hset(this.k(village, 'bound'), resident, JSON.stringify({ ...b, quiet }));
  }

  async request(village: string, r: BindRequest): Promise<void> {
    await this.redis.hset(this.k(village, 'pending'), r.wechatName, JSON.stringify(r));
  }

  async pending(village: string): Promise<BindRequest[]> {
    const raw = await this.redis.hvals(this.k(village, 'pending'));
    return raw.map((r) => RequestSchema.parse(JSON.parse(r)));
  }

  async dropRequest(village: string, wechatName: string): Promise<void> {
    await this.redis.hdel(this.k(village, 'pending'), wechatName);
  }
}
