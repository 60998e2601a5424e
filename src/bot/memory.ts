import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ContextSchema, type IntakeJob } from '../queue/intake.js';
import { CONTEXT_SIZE, type Incoming } from './plan.js';
import type { BotPolicy } from './policy.js';

const SEEN_TTL_S = 3 * 24 * 3600;
/** Where a display name speaks, and the village a resident named when asked, are kept this long. */
const HOMES_TTL_S = 180 * 24 * 3600;
/**
 * How long the bot keeps a message it asked about, waiting for "1" or "2" (or the village); the resident's next
 * message files it meanwhile, so only a resident who never writes again within a day leaves it unfiled.
 */
export const PENDING_TTL_S = 24 * 3600;

/** A private message the bot asked about, and the case it asked about. */
const PendingSchema = z.object({
  caseId: z.string(),
  msg: z.object({ id: z.string(), from: z.string(), text: z.string(), at: z.coerce.date() }),
});
export type Pending = z.infer<typeof PendingSchema>;
/** Private messages kept until the resident says which village they are about, and the villages offered. */
const VillagePendingSchema = z.object({ among: z.array(z.string()).min(1), msgs: z.array(PendingSchema.shape.msg) });
export type VillagePending = z.infer<typeof VillagePendingSchema>;
/** Messages arriving together before the question went out are kept together, at most this many. */
const MAX_KEPT = 5;
/** A picture or voice message this soon after the resident @-mentioned the bot is meant for the bot. */
const CALLED_TTL_S = 120;

const lua = (name: string) => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
const FIRST_SIGHT_LUA = lua('first-sight');
const COOLDOWN_LUA = lua('cooldown');

interface BotRedis extends Redis {
  cunbotFirstSight(
    ...args: Array<string | number>
  ): Promise<[first: number, recent: string[], called: number, spokenIn: string[]]>;
  cunbotCooldown(...args: Array<string | number>): Promise<number>;
}

export interface FirstSight {
  /** False when this message was seen before (WeChat delivered it again). */
  first: boolean;
  /** The room's messages before this one, oldest first. */
  context: IntakeJob['context'];
  /** The resident @-mentioned the bot just before sending this picture or voice message. */
  called: boolean;
  /** The villages whose groups the talker speaks in, most recent first (read for private chats). */
  spokenIn: string[];
}

/**
 * What the bot remembers in Redis between messages, under `<prefix>:bot:…`: messages seen, each room's recent talk,
 * who just called the bot, which villages' groups a name speaks in, and the reply cooldowns. Nothing is kept in process memory, so
 * several bot processes may share the work.
 */
export class BotMemory {
  private readonly redis: BotRedis;
  private tokens = 0;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.redis = redis as BotRedis;
    if (typeof this.redis.cunbotFirstSight !== 'function') {
      redis.defineCommand('cunbotFirstSight', { numberOfKeys: 4, lua: FIRST_SIGHT_LUA });
      redis.defineCommand('cunbotCooldown', { lua: COOLDOWN_LUA });
    }
  }

  private key = (...parts: string[]) => [this.prefix, 'bot', ...parts].join(':');

  private seenKey = (msg: Incoming, village: string) => this.key('seen', msg.room === null ? 'p' : village, msg.id);

  /** Marks the message seen and reads what the bot needs about it, in one round trip (see first-sight.lua). */
  async firstSight(msg: Incoming, village: string | undefined): Promise<FirstSight> {
    const here = village ?? '';
    const token = `${process.pid}.${(this.tokens++).toString(36)}`;
    const [first, recent, called, spokenIn] = await this.redis.cunbotFirstSight(
      this.seenKey(msg, here),
      this.key('ctx', here, msg.room ?? ''),
      this.key('called', here, msg.from),
      this.key('homes', msg.from),
      token,
      SEEN_TTL_S,
      village ? (msg.kind === 'text' ? 'text' : 'nontext') : 'private',
      JSON.stringify({ at: msg.at.toISOString(), from: msg.from, text: msg.text.slice(0, 300) }),
      CONTEXT_SIZE,
      msg.mentioned ? 1 : 0,
      CALLED_TTL_S,
      msg.at.getTime(),
      here,
      HOMES_TTL_S,
    );
    const context = ContextSchema.parse(recent.map((s) => JSON.parse(s))).reverse();
    return { first: first === 1, context, called: called === 1, spokenIn };
  }

  /** Not handled after all: forget having seen it, so WeChat delivering it again gets a second chance. */
  async forget(msg: Incoming, village: string | undefined): Promise<void> {
    await this.redis.del(this.seenKey(msg, village ?? '')).catch(() => {});
  }

  private pendingKey = (village: string, name: string) => this.key('ask', village, name);

  /** Keeps a message the bot asked about ("是补充 … 吗？") until the resident answers, for `PENDING_TTL_S`. */
  async ask(village: string, pending: Pending): Promise<void> {
    await this.redis.set(this.pendingKey(village, pending.msg.from), JSON.stringify(pending), 'EX', PENDING_TTL_S);
  }

  /** The message waiting for the resident's answer, taken (so one answer decides it once), or null. */
  async answered(village: string, name: string): Promise<Pending | null> {
    const json = await this.redis.getdel(this.pendingKey(village, name));
    if (!json) return null;
    const parsed = PendingSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  }

  private villageAskKey = (name: string) => this.key('askv', name);
  private chosenKey = (name: string) => this.key('chosen', name);

  /** The village this name said its private messages are about, when the bot asked. */
  chosen(name: string): Promise<string | null> {
    return this.redis.get(this.chosenKey(name));
  }

  /** Keeps a private message until the resident says which village it is about (or writes on), in one transaction. */
  async askVillage(among: readonly string[], msg: Pending['msg']): Promise<void> {
    const key = this.villageAskKey(msg.from);
    await this.redis
      .multi()
      .set(`${key}:among`, JSON.stringify(among), 'EX', PENDING_TTL_S, 'NX')
      .rpush(`${key}:msgs`, JSON.stringify(msg))
      .ltrim(`${key}:msgs`, -MAX_KEPT, -1)
      .expire(`${key}:msgs`, PENDING_TTL_S)
      .exec();
  }

  /** The messages waiting for the resident to say which village, or null. */
  async villageAsked(name: string): Promise<VillagePending | null> {
    const key = this.villageAskKey(name);
    const [among, msgs] = await Promise.all([this.redis.get(`${key}:among`), this.redis.lrange(`${key}:msgs`, 0, -1)]);
    if (!among) return null;
    const parsed = VillagePendingSchema.safeParse({ among: JSON.parse(among), msgs: msgs.map((m) => JSON.parse(m)) });
    return parsed.success ? parsed.data : null;
  }

  /**
   * Takes the kept messages to be filed, read in the same transaction as they are removed, so a message kept
   * meanwhile is not removed unread and two answers at once do not both file them. `chosen`: the village the
   * resident named, remembered for their next private messages.
   */
  async takeKept(name: string, chosen: string | null): Promise<VillagePending['msgs']> {
    const key = this.villageAskKey(name);
    const m = this.redis.multi();
    if (chosen) m.set(this.chosenKey(name), chosen, 'EX', HOMES_TTL_S);
    const res = await m.lrange(`${key}:msgs`, 0, -1).del(`${key}:among`, `${key}:msgs`).exec();
    const taken = (res?.at(-2)?.[1] ?? []) as string[];
    const parsed = VillagePendingSchema.shape.msgs.safeParse(taken.map((m) => JSON.parse(m)));
    return parsed.success ? parsed.data : [];
  }

  /**
   * Whether a reply that opens no case may go at `now`: per resident and per room, one such reply per cooldown, so
   * a resident poking the bot, or a busy group, does not get a stream of them.
   */
  async mayReply(msg: Incoming, village: string, policy: BotPolicy, now: Date): Promise<boolean> {
    const keys: string[] = [];
    const cooldowns: number[] = [];
    if (policy.residentCooldownMs > 0) {
      keys.push(this.key('cool', 'r', village, msg.from));
      cooldowns.push(policy.residentCooldownMs);
    }
    if (policy.roomCooldownMs > 0 && msg.room !== null) {
      keys.push(this.key('cool', 'room', village, msg.room));
      cooldowns.push(policy.roomCooldownMs);
    }
    if (keys.length === 0) return true;
    return (await this.redis.cunbotCooldown(keys.length, ...keys, now.getTime(), ...cooldowns)) === 1;
  }
}
