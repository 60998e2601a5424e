// Rooms known once: a burst of messages from 20 groups of 200 residents (each with a group nickname) right after a
// login, read as the bot reads them (toIncoming with the RoomBook: topics and nicknames loaded at login, kept fresh
// from room events) and, in the same run, the old way (toIncoming without it: room.topic() and room.alias(talker)
// asked of Wechaty for every message), each on a fresh Wechaty on wechaty-puppet-mock, through the Wechaty API.
// Counts what Wechaty asks the puppet (on wechat4u each room-member lookup scans the group's member list), and times
// each message from the puppet's event to the bot's plain view of it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Message, WechatyBuilder } from 'wechaty';
import { MockWorld } from '../src/bot/mock.js';
import { RoomBook } from '../src/bot/rooms.js';
import { toIncoming } from '../src/bot/wechaty.js';

const ROOMS = 20;
const MEMBERS = 200;
const MESSAGES = 2000;
const CALLS = ['roomPayload', 'roomMemberList', 'roomMemberPayload', 'contactPayload'] as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
const ms = (x: number) => x.toFixed(2);
const topicOf = (r: number) => `第${r + 1}村民组群`;
const nameOf = (r: number, m: number) => `村民${r + 1}-${m + 1}`;
const nicknameOf = (r: number, m: number) => `${(m % 9) + 1}组${nameOf(r, m)}`;

/** Message i: from group i mod 20, a different resident each time round the groups. */
const sender = (i: number) => ({ room: i % ROOMS, member: Math.floor(i / ROOMS) % MEMBERS });

/**
 * 'burst': all messages at once, once the login is done (and the book's load with it); 'with the login': all at once
 * the moment WeChat says the bot is logged in, as wechat4u hands over a backlog, racing the book's load;
 * 'one at a time': each message once the previous one is read.
 */
type Delivery = 'burst' | 'with the login' | 'one at a time';

async function run(withBook: boolean, delivery: Delivery): Promise<Record<string, string>> {
  const world = new MockWorld();
  for (let r = 0; r < ROOMS; r++) {
    for (let m = 0; m < MEMBERS; m++) world.member(topicOf(r), nameOf(r, m), nicknameOf(r, m));
  }
  const dir = mkdtempSync(join(tmpdir(), 'cunbot-bench-rooms-'));
  const bot = WechatyBuilder.build({ name: join(dir, 'bot'), puppet: world.wechatyPuppet });
  const book = withBook ? new RoomBook(bot) : undefined;
  const sent = new Map<string, number>();
  const read = new Map<string, (at: number) => void>();
  bot.on('message', async (msg: Message) => {
    const incoming = await toIncoming(msg, book);
    if (!incoming) return;
    const { room, member } = sender(Number(incoming.id.slice(1)));
    if (incoming.room !== topicOf(room) || incoming.from !== nicknameOf(room, member))
      throw new Error(`misread ${incoming.id}: ${incoming.room} ${incoming.from}`);
    read.get(incoming.id)?.(performance.now());
  });
  await bot.start();

  const login = world.countCalls(CALLS);
  const t0 = performance.now();
  const loggedIn = new Promise((resolve) => bot.once('login', resolve));
  world.login();
  // With the login, one count covers the load and the messages: they interleave.
  if (delivery !== 'with the login') {
    await loggedIn;
    await book?.ready;
    login.stop();
  }
  const loginMs = performance.now() - t0;

  const say = (i: number) => {
    const { room, member } = sender(i);
    const id = `m${i}`;
    const done = new Promise<number>((resolve) => read.set(id, resolve)).then((at) => at - (sent.get(id) ?? at));
    sent.set(id, performance.now());
    world.say({ room: topicOf(room), from: nameOf(room, member), text: '村口路灯坏了', id });
    return done;
  };
  const counting = delivery === 'with the login' ? login : world.countCalls(CALLS);
  const t1 = performance.now();
  let lat: number[];
  if (delivery === 'one at a time') {
    lat = [];
    for (let i = 0; i < MESSAGES; i++) lat.push(await say(i));
  } else lat = await Promise.all(Array.from({ length: MESSAGES }, (_, i) => say(i)));
  const elapsed = performance.now() - t1;
  await book?.ready;
  counting.stop();
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });

  const calls = (c: Record<(typeof CALLS)[number], number>) =>
    `${c.roomPayload} / ${c.roomMemberList} / ${c.roomMemberPayload} / ${c.contactPayload}`;
  return {
    path: withBook ? 'RoomBook (the bot)' : 'old way (per message)',
    delivery,
    'login ms': delivery === 'with the login' ? '—' : ms(loginMs),
    'login: room / list / member / contact': delivery === 'with the login' ? '(with the messages)' : calls(login.calls),
    'messages: room / list / member / contact': calls(counting.calls),
    'arrival → read p50 / p99 ms': `${ms(pct(lat, 0.5))} / ${ms(pct(lat, 0.99))}`,
    'msgs/s': (MESSAGES / (elapsed / 1000)).toFixed(0),
  };
}

export default async function bench(): Promise<void> {
  console.log(`${MESSAGES} messages from ${ROOMS} groups × ${MEMBERS} residents right after a login`);
  const rows: Array<Record<string, string>> = [];
  for (const delivery of ['burst', 'with the login', 'one at a time'] as const) {
    rows.push(await run(false, delivery));
    rows.push(await run(true, delivery));
  }
  console.table(rows);
}
