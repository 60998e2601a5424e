import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import qrcodeTerminal from 'qrcode-terminal';
import { type Message, ScanStatus, types, type Wechaty, WechatyBuilder } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import { createLogger } from '../log/logger.js';
import { type LoginState, writeLoginState } from '../queue/login.js';
import type { Incoming, MessageHandler } from './handler.js';
import { RoomBook } from './rooms.js';

/** A puppet Wechaty can run on (wechat4u in production, the mock in tests). */
export type Puppet = PUPPET.impls.PuppetInterface;

const log = createLogger().child({ part: 'wechaty' });

const NON_TEXT = new Set<number>([
  types.Message.Attachment,
  types.Message.Audio,
  types.Message.Contact,
  types.Message.ChatHistory,
  types.Message.Emoticon,
  types.Message.Image,
  types.Message.Location,
  types.Message.MiniProgram,
  types.Message.Transfer,
  types.Message.RedEnvelope,
  types.Message.Url,
  types.Message.Video,
  types.Message.Post,
]);

/** The production puppet: wechat4u (web WeChat protocol), its login kept in a memory card under DATA_DIR. */
export async function wechat4uPuppet(): Promise<Puppet> {
  const { PuppetWechat4u } = await import('wechaty-puppet-wechat4u');
  return new PuppetWechat4u() as unknown as Puppet;
}

/** Reduces a Wechaty message to the bot's plain view; null for the bot's own words. */
export async function toIncoming(msg: Message, book?: RoomBook): Promise<Incoming | null> {
  if (msg.self()) return null;
  const room = msg.room();
  const talker = msg.talker();
  const type = msg.type();
  const topic = room ? await (book ? book.topic(room) : room.topic()) : null;
  const alias =
    room && talker ? await (book ? book.alias(room, talker) : room.alias(talker)).catch(() => undefined) : undefined;
  const kind: Incoming['kind'] = type === types.Message.Text ? 'text' : NON_TEXT.has(type) ? 'nontext' : 'system';
  return {
    id: msg.id,
    room: topic,
    from: alias || talker?.name() || '',
    kind,
    text: msg.text() ?? '',
    mentioned: room ? await msg.mentionSelf().catch(() => false) : true,
    at: msg.date(),
    // The bot's remark on a bound friend: WeChat keeps it across re-logins and the resident's renames.
    alias: (await talker?.alias().catch(() => undefined)) || undefined,
    remark: talker ? (tag) => talker.alias(tag) : undefined,
  };
}

export interface BotHandle {
  bot: Wechaty;
  stop(): Promise<void>;
}

/**
 * Starts Wechaty on a puppet and feeds every message to the handler. Scan, login and logout are kept in Redis so
 * the admin page can show the QR code; queued work stays in Redis across a logout and the next login.
 */
export async function startBot(opts: {
  puppet: Puppet;
  handler: MessageHandler;
  redis: Redis;
  prefix: string;
  dataDir: string;
  name?: string;
  /** Print the login QR code on the terminal (production). */
  printQr?: boolean;
}): Promise<BotHandle> {
  mkdirSync(opts.dataDir, { recursive: true });
  const bot = WechatyBuilder.build({
    name: resolve(opts.dataDir, opts.name ?? 'cunbot'),
    puppet: opts.puppet,
  });
  const setState = (s: Omit<LoginState, 'at'>) =>
    writeLoginState(opts.redis, opts.prefix, s).catch((err: Error) =>
      log.warn({ err: err.message }, 'could not store the login state'),
    );

  bot.on('scan', (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    if (opts.printQr) {
      qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`\n扫码登录村小助:\n${art}\n`));
    }
    void setState({ state: 'scan', qrcode });
  });
  bot.on('login', (user) => {
    log.info({ user: user.name() }, 'logged in');
    void setState({ state: 'online', user: user.name() });
  });
  let stopping = false;
  bot.on('logout', (user, reason) => {
    if (!stopping) log.warn({ user: user.name(), reason }, 'logged out; waiting for a new scan, queued work is kept');
    void setState({ state: 'offline' });
  });
  // Offline, wechat4u retries many times a second: say each distinct error once a minute, with how often it came.
  const lastSaid = new Map<string, { at: number; repeats: number }>();
  bot.on('error', (err) => {
    const message = (err as Error).message;
    const seen = lastSaid.get(message);
    if (seen && Date.now() - seen.at < 60_000) {
      seen.repeats += 1;
      return;
    }
    log.error({ err: message, repeatsSinceLast: seen?.repeats ?? 0 }, 'wechaty error');
    lastSaid.set(message, { at: Date.now(), repeats: 0 });
  });
  const book = new RoomBook(bot);
  bot.on('message', async (msg) => {
    try {
      const incoming = await toIncoming(msg, book);
      if (incoming) await opts.handler.handle(incoming);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'could not read a message');
    }
  });
  await setState({ state: 'starting' });
  await bot.start();
  return {
    bot,
    async stop() {
      stopping = true;
      await bot.stop();
    },
  };
}
