import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Message, type Room, WechatyBuilder } from 'wechaty';
import { MockWorld } from '../../src/bot/mock.js';
import { oneLoadPerRoom, RoomBook } from '../../src/bot/rooms.js';
import { toIncoming } from '../../src/bot/wechaty.js';

const ROOM = '西河村村民群';
const world = new MockWorld();
const bot = WechatyBuilder.build({
  name: join(mkdtempSync(join(tmpdir(), 'cunbot-rooms-')), 'bot'),
  puppet: world.wechatyPuppet,
});
let book: RoomBook;
let room: Room;
const members = ['王大伯', '李婶', '张强'];

beforeAll(async () => {
  for (const name of members) world.member(ROOM, name);
  book = new RoomBook(bot);
  // A room event makes Wechaty refresh the room (room.sync), whose member-list refresh it misreads as a contact's
  // and reports as an error; startBot logs it and goes on, as here.
  bot.on('error', () => undefined);
  await bot.start();
  world.login();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await book.ready;
  room = (await bot.Room.find({ topic: ROOM }))!;
});
afterAll(async () => bot.stop());

/** Counts the puppet's member lookups while `fn` runs. */
async function memberLookups(fn: () => Promise<unknown>): Promise<number> {
  const counting = world.countCalls(['roomMemberPayload']);
  try {
    await fn();
  } finally {
    counting.stop();
  }
  return counting.calls.roomMemberPayload;
}

describe('rooms known once', () => {
  it('reads topics and nicknames loaded at login: a burst of messages asks WeChat nothing', async () => {
    const talkers = await Promise.all(members.map((name) => bot.Contact.find({ name })));
    const burst = async () => {
      for (let i = 0; i < 30; i++) {
        const talker = talkers[i % talkers.length]!;
        await book.topic(room);
        await book.alias(room, talker);
      }
    };
    expect(await memberLookups(burst)).toBe(0);
    const perMessage = async () => {
      for (let i = 0; i < 30; i++) await room.alias(talkers[i % talkers.length]!);
    };
    expect(await memberLookups(perMessage)).toBeGreaterThan(0);
    expect(await book.topic(room)).toBe(ROOM);
  });

  it('follows a renamed group and a newcomer from WeChat’s events: their message asks WeChat nothing', async () => {
    const told = Promise.all(
      (['room-topic', 'room-join'] as const).map((e) => new Promise((resolve) => bot.once(e, resolve))),
    );
    world.retitle(ROOM, '西河村村民群（新）', '李婶');
    world.join(ROOM, '赵六', '东头赵六');
    await told;
    await book.ready;

    const counting = world.countCalls(['roomPayload', 'roomMemberList', 'roomMemberPayload']);
    const read = new Promise((resolve) => bot.once('message', (msg: Message) => resolve(toIncoming(msg, book))));
    world.say({ room: ROOM, from: '赵六', text: '大家好，我刚进群' });
    const incoming = await read;
    counting.stop();
    expect(incoming).toMatchObject({ room: '西河村村民群（新）', from: '东头赵六' });
    expect(counting.calls).toEqual({ roomPayload: 0, roomMemberList: 0, roomMemberPayload: 0 });
  });
});

describe('one load per room', () => {
  it('lets the messages of a room still loading wait for that load instead of each loading it again', async () => {
    let loads = 0;
    class FakeRoom {
      async ready(_forceSync = false): Promise<void> {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    oneLoadPerRoom({ Room: FakeRoom } as unknown as Parameters<typeof oneLoadPerRoom>[0]);
    const [a, b] = [new FakeRoom(), new FakeRoom()];
    await Promise.all([...Array.from({ length: 10 }, () => a.ready()), b.ready()]);
    expect(loads).toBe(2);
    // Once done, the next call loads again (Wechaty decides then whether it must), and a forced sync always runs.
    await Promise.all([a.ready(), a.ready(true)]);
    expect(loads).toBe(4);
  });
});
