import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Contact, Room, Wechaty } from 'wechaty';
import type { CaseEvent } from '../cases/schema.js';
import type { CaseStore } from '../cases/store.js';
import { createLogger } from '../log/logger.js';
import { OUTBOUND_QUEUE, WORKER_LOCK } from '../queue/names.js';
import { OUTBOUND_ATTEMPTS, type OutboundJob, OutboundJobSchema, type Outbox } from '../queue/outbound.js';

const log = createLogger().child({ part: 'sender' });

export interface SenderOptions {
  bot: Wechaty;
  connection: Redis;
  prefix: string;
  store: CaseStore;
  outbox: Outbox;
  /** At most one message per interval (BullMQ's limiter, shared by every process of this bot account)… */
  intervalMs: number;
  /** …plus up to this much random extra, so the rhythm does not look like a machine's. */
  jitterMs: number;
  /** After "发送消息过于频繁": the first pause; it doubles on each new notice, up to 10 minutes. */
  throttleBackoffMs?: number;
  /** During that pause urgent messages still go, one per this gap (default 10 s); routine ones wait it out. */
  urgentGapMs?: number;
  /**
   * Messages in the air at once. One WeChat account speaks one message at a time, and with the limiter on only one
   * is let through per interval anyway; more only helps when the limit is off (load tests).
   */
  concurrency?: number;
  /** Observes each message actually said (the demo page, tests). */
  onSent?: (job: OutboundJob) => void;
}

export interface Sender {
  worker: Worker<OutboundJob>;
  /** WeChat said we are too fast: pause the queue, back off, and say the last message again. */
  throttled(): Promise<void>;
  close(): Promise<void>;
}

class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/**
 * Rooms and people by name, found once: Wechaty's searches walk every contact or member, and a group has hundreds.
 * Ids change at each wechat4u login, so the cache is emptied then, and an entry that fails a send is dropped.
 */
class Directory {
  private readonly rooms = new Map<string, Room>();
  private readonly contacts = new Map<string, Contact>();
  private readonly members = new Map<string, Contact | null>();

  constructor(private readonly bot: Wechaty) {
    bot.on('login', () => this.clear());
  }

  clear(): void {
    this.rooms.clear();
    this.contacts.clear();
    this.members.clear();
  }

  async room(topic: string): Promise<Room> {
    let room = this.rooms.get(topic);
    if (!room) {
      room = await this.bot.Room.find({ topic });
      if (!room) throw new NotFoundError(`the bot is not in a group named ${topic}`);
      this.rooms.set(topic, room);
    }
    return room;
  }

  async contact(name: string): Promise<Contact> {
    let contact = this.contacts.get(name);
    if (!contact) {
      contact = await this.bot.Contact.find({ name });
      if (!contact) throw new NotFoundError(`no WeChat contact named ${name}`);
      this.contacts.set(name, contact);
    }
    return contact;
  }

  async member(room: Room, topic: string, name: string): Promise<Contact | null> {
    const key = `${topic}\u0000${name}`;
    let member = this.members.get(key);
    if (member === undefined) {
      member = (await room.member({ name })) ?? null;
      // A resident seen once stays a member; one not found yet may join later, so misses are not kept.
      if (member) this.members.set(key, member);
    }
    return member;
  }

  async say(job: OutboundJob): Promise<void> {
    try {
      await this.sayOnce(job);
    } catch (err) {
      this.clear();
      throw err;
    }
  }

  private async sayOnce(job: OutboundJob): Promise<void> {
    if (job.to.kind === 'contact') {
      await (await this.contact(job.to.name)).say(job.text);
      return;
    }
    const room = await this.room(job.to.topic);
    if (!job.to.mention) {
      await room.say(job.text);
      return;
    }
    const member = await this.member(room, job.to.topic, job.to.mention);
    // A member who left (or renamed) still reads the @name in the text; only the notification is lost.
    if (member) await room.say(job.text, member);
    else await room.say(`@${job.to.mention} ${job.text}`);
  }
}

/**
 * The one place the bot speaks: a BullMQ worker on the outbound queue, throttled per bot account, urgent first,
 * retried with backoff; a message that finally fails is written on its case as `send_failed`.
 */
export function startSender(opts: SenderOptions): Sender {
  const base = opts.throttleBackoffMs ?? 60_000;
  let backoff = base;
  const urgentGap = opts.urgentGapMs ?? 10_000;
  /** Until then only urgent messages are said (after "发送消息过于频繁"). */
  let holdRoutineUntil = 0;
  let last: { job: OutboundJob; at: number } | null = null;
  const directory = new Directory(opts.bot);

  const deliver = async (job: Job<OutboundJob>): Promise<void> => {
    const data = OutboundJobSchema.parse(job.data);
    const held = holdRoutineUntil - Date.now();
    // Without a limiter (throttle off: tests, simulate) there is no pause to wait out.
    if (!data.urgent && held > 0 && opts.intervalMs > 0) {
      // Back to the queue without using an attempt; an urgent message queued meanwhile comes first (priority).
      await worker.rateLimit(Math.min(urgentGap, held));
      throw Worker.RateLimitError();
    }
    await directory.say(data);
    last = { job: data, at: Date.now() };
    if (opts.intervalMs > 0) await worker.rateLimit(opts.intervalMs + Math.floor(Math.random() * opts.jitterMs));
    opts.onSent?.(data);
    if (data.record && data.caseId) await record(data.caseId, { type: 'sent', text: data.text });
    await follow(job, data.afterSent ?? [], 'then');
  };

  /** Queues the messages that wait on this one (once per job: a retried hand-off queues them under the same ids). */
  const follow = async (
    job: Job<OutboundJob>,
    next: ReadonlyArray<{ to: OutboundJob['to']; text: string }>,
    tag: string,
  ) => {
    const data = job.data;
    await Promise.all(
      next.map((m, i) =>
        opts.outbox.send(
          {
            to: m.to,
            text: m.text,
            urgent: data.urgent,
            ...(data.village ? { village: data.village } : {}),
            ...(data.caseId ? { caseId: data.caseId } : {}),
          },
          job.id ? `${job.id}-${tag}${i}` : undefined,
        ),
      ),
    );
  };

  /** An alert that cannot reach its person goes to the next one; when nobody can be reached, the resident is told. */
  const fallBack = async (job: Job<OutboundJob>) => {
    const [next, ...rest] = job.data.fallback ?? [];
    if (!next) return follow(job, job.data.unreached ?? [], 'unreached');
    const { afterSent, ...message } = next;
    await opts.outbox.send(
      { ...job.data, ...message, afterSent, fallback: rest },
      job.id ? `${job.id}-next` : undefined,
    );
  };

  const record = async (caseId: string, e: Pick<CaseEvent, 'type' | 'text'>) => {
    try {
      await opts.store.update(caseId, (c) => ({
        ...c,
        events: [...c.events, { at: opts.store.clock.now().toISOString(), actor: 'bot', ...e }],
      }));
    } catch (err) {
      log.warn({ err: (err as Error).message, caseId }, 'could not record the send on its case');
    }
  };

  const worker = new Worker<OutboundJob>(OUTBOUND_QUEUE, deliver, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 1,
    // A reply orphaned by a Redis restart goes out seconds after Redis is back, not a minute (see WORKER_LOCK).
    ...WORKER_LOCK,
    ...(opts.intervalMs > 0 ? { limiter: { max: 1, duration: opts.intervalMs } } : {}),
    autorun: false,
  });
  // Logged out (the wechat4u login expires every few days) nothing can be said: the queue waits, untouched, until
  // the next scan instead of burning its retries.
  let running = false;
  const online = () => {
    if (running) {
      worker.resume();
      return;
    }
    running = true;
    worker.run().catch((err: Error) => log.error({ err: err.message }, 'outbound worker stopped'));
  };
  opts.bot.on('login', online);
  opts.bot.on('logout', () => {
    if (running) void worker.pause(true);
  });
  if (opts.bot.isLoggedIn) online();
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? OUTBOUND_ATTEMPTS);
    log.warn({ err: err.message, jobId: job.id, attempt: job.attemptsMade, final }, 'send failed');
    if (final && job.data.caseId)
      void record(job.data.caseId, { type: 'send_failed', text: `${err.message}：${job.data.text}` });
    if (final) void fallBack(job).catch((e: Error) => log.error({ err: e.message }, 'could not queue the fallback'));
  });
  worker.on('error', (err) => log.warn({ err: err.message }, 'outbound worker error'));

  return {
    worker,
    async throttled() {
      holdRoutineUntil = Date.now() + backoff;
      await worker.rateLimit(Math.min(urgentGap, backoff));
      log.warn({ pauseMs: backoff, urgentGapMs: urgentGap }, 'outbound paused after WeChat throttling');
      backoff = Math.min(backoff * 2, 600_000);
      setTimeout(() => {
        backoff = Math.max(base, backoff / 2);
      }, backoff * 2).unref();
      // The notice answers the message just sent, which WeChat dropped: say it again after the pause.
      if (last && Date.now() - last.at < 30_000) {
        const again = last.job;
        last = null;
        await opts.outbox.send(again);
      }
    },
    close: () => worker.close(),
  };
}
