import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Room, WechatyBuilder } from 'wechaty';
import { MockWorld } from '../../src/bot/mock.js';
import { RoomBook } from '../../src/bot/rooms.js';

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
  const r = world.room(ROOM);
  for (const name of members) r.payload.memberIdList.push(world.contact(name).id);
  book = new RoomBook(bot);
  await bot.start();
  world.login();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await book.ready;
  room = (await bot.Room.find({ topic: ROOM }))!;
});
afterAll(async () => bot.stop());

/** Counts the puppet's member lookups while `fn` runs. */
async function memberLookups(fn: () => Promise<unknown>): Promise<number> {
  const puppet = world.puppet as unknown as { roomMemberPayload: (...a: unknown[]) => Promise<unknown> };
  const original = puppet.roomMemberPayload.bind(puppet);
  let calls = 0;
  puppet.roomMemberPayload = (...a) => {
    calls++;
    return original(...a);
  };
  try {
    await fn();
  } finally {
    puppet.roomMemberPayload = original;
  }
  return calls;
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

  it('follows a renamed group', async () => {
    (bot as unknown as { emit: (...a: unknown[]) => void }).emit(
      'room-topic',
      room,
      '西河村村民群（新）',
      ROOM,
      world.self,
      new Date(),
    );
    expect(await book.topic(room)).toBe('西河村村民群（新）');
  });
});
