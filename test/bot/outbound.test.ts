import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { MockWorld, type Said } from '../../src/bot/mock.js';
import { type Sender, startSender } from '../../src/bot/sender.js';
import { CaseStore } from '../../src/cases/store.js';
import { Outbox } from '../../src/queue/outbound.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const ROOM = '西河村村民群';
const INTERVAL = 400;
const prefix = testPrefix('outbound');
let redis: Redis;
let close: () => Promise<void>;
let world: MockWorld;
let bot: ReturnType<typeof WechatyBuilder.build>;
let outbox: Outbox;
let sender: Sender;
let store: CaseStore;
const said: Array<Said & { at: number }> = [];

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  world = new MockWorld();
  world.room(ROOM);
  world.contact('王大伯');
  world.onSaid((s) => said.push({ ...s, at: Date.now() }));
  bot = WechatyBuilder.build({
    name: join(mkdtempSync(join(tmpdir(), 'cunbot-out-')), 'bot'),
    puppet: world.wechatyPuppet,
  });
  await bot.start();
  world.login();
  store = new CaseStore(redis, prefix);
  outbox = new Outbox(redis, prefix, { backoffMs: 20 });
  sender = startSender({
    bot,
    connection: redis,
    prefix,
    store,
    outbox,
    intervalMs: INTERVAL,
    jitterMs: 100,
    throttleBackoffMs: 1500,
    urgentGapMs: 300,
  });
});
afterAll(async () => {
  await sender.close();
  await outbox.close();
  await bot.stop();
  await close();
});

async function until(n: number, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (said.length < n) {
    if (Date.now() > end) throw new Error(`only ${said.length} of ${n} messages said`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const gaps = (xs: Array<{ at: number }>) => xs.slice(1).map((x, i) => x.at - (xs[i]?.at ?? 0));

describe('the outbound queue', () => {
  it('spaces a burst to one message per interval, however fast it is queued', async () => {
    said.length = 0;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => outbox.send({ to: { kind: 'room', topic: ROOM }, text: `第${i}条` })),
    );
    await until(6);
    const g = gaps(said);
    expect(Math.min(...g)).toBeGreaterThanOrEqual(INTERVAL - 5);
    expect(said.map((s) => s.text).sort()).toEqual(['第0条', '第1条', '第2条', '第3条', '第4条', '第5条']);
  });

  it('lets an urgent message jump the queue', async () => {
    said.length = 0;
    for (let i = 0; i < 4; i++) await outbox.send({ to: { kind: 'room', topic: ROOM }, text: `普通${i}` });
    await outbox.send({ to: { kind: 'room', topic: ROOM }, text: '紧急：着火了', urgent: true });
    await until(5);
    expect(said.findIndex((s) => s.text === '紧急：着火了')).toBeLessThanOrEqual(1);
  });

  it('pauses after WeChat says we are too fast, then says the dropped message again', async () => {
    said.length = 0;
    await outbox.send({ to: { kind: 'contact', name: '王大伯' }, text: '可能被吞掉的一条' });
    await until(1);
    await sender.throttled();
    await outbox.send({ to: { kind: 'contact', name: '王大伯' }, text: '下一条' });
    await until(3);
    expect(said.map((s) => s.text)).toEqual(['可能被吞掉的一条', '可能被吞掉的一条', '下一条']);
    expect((said[1]?.at ?? 0) - (said[0]?.at ?? 0)).toBeGreaterThanOrEqual(1500 - 5);
  });

  it('lets an urgent message through the pause sooner than routine ones, without resuming the flood', async () => {
    await new Promise((r) => setTimeout(r, 3500));
    said.length = 0;
    const start = Date.now();
    await sender.throttled();
    for (let i = 0; i < 3; i++) await outbox.send({ to: { kind: 'room', topic: ROOM }, text: `普通${i}` });
    await outbox.send({ to: { kind: 'contact', name: '王大伯' }, text: '紧急：我老公在打我', urgent: true });
    // The message said just before the notice is said again too (see above).
    await until(5);
    const at = (text: string) => (said.find((s) => s.text === text)?.at ?? 0) - start;
    expect(said[0]?.text).toBe('紧急：我老公在打我');
    expect(at('紧急：我老公在打我')).toBeLessThan(1000);
    expect(Math.min(at('普通0'), at('普通1'), at('普通2'))).toBeGreaterThanOrEqual(1500 - 5);
  });

  it('records a message that finally cannot be sent on its case', async () => {
    const { case: c } = await store.createOrMerge(caseInput());
    await outbox.send({ to: { kind: 'contact', name: '查无此人' }, text: '答复', caseId: c.id });
    const end = Date.now() + 15_000;
    let failed = false;
    while (!failed && Date.now() < end) {
      failed = ((await store.get(c.id))?.events ?? []).some((e) => e.type === 'send_failed');
      if (!failed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(failed).toBe(true);
  });

  it('says "已通知…" only once the alert went, tries the next member when it cannot go, and gives the duty phone when nobody is reached', async () => {
    said.length = 0;
    const resident = { kind: 'room' as const, topic: ROOM, mention: '李桂芬' };
    await outbox.send({
      to: { kind: 'contact', name: '查无此人' },
      text: '【紧急】报警转达',
      urgent: true,
      afterSent: [{ to: resident, text: '已通知查无此人' }],
      fallback: [
        {
          to: { kind: 'contact', name: '也没有这人' },
          text: '【紧急】报警转达',
          afterSent: [{ to: resident, text: '已通知也没有这人' }],
        },
        {
          to: { kind: 'contact', name: '王大伯' },
          text: '【紧急】报警转达',
          afterSent: [{ to: resident, text: '已通知王大伯' }],
        },
      ],
      unreached: [{ to: resident, text: '请直接拨打村委会值班电话' }],
    });
    await until(2, 20_000);
    expect(said.map((s) => [s.text.replace(/^@李桂芬 /, ''), s.to])).toEqual([
      ['【紧急】报警转达', '王大伯'],
      ['已通知王大伯', ROOM],
    ]);
    said.length = 0;
    await outbox.send({
      to: { kind: 'contact', name: '查无此人' },
      text: '【紧急】第二次',
      urgent: true,
      afterSent: [{ to: resident, text: '已通知查无此人' }],
      unreached: [{ to: resident, text: '请直接拨打村委会值班电话 13900002299' }],
    });
    await until(1, 20_000);
    expect(said.map((s) => s.text)).toEqual(['@李桂芬 请直接拨打村委会值班电话 13900002299']);
  });

  it('keeps messages queued while logged out and says them after the next login', async () => {
    said.length = 0;
    await bot.logout();
    await outbox.send({ to: { kind: 'room', topic: ROOM }, text: '掉线期间的消息' });
    await new Promise((r) => setTimeout(r, 800));
    expect(said).toEqual([]);
    world.login();
    await until(1);
    expect(said[0]?.text).toBe('掉线期间的消息');
  });
});
