import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPrefix } from '../helpers/redis.js';
import { ROOM, startTestSpine, type TestSpine } from '../helpers/spine.js';

// A Redis of the test's own (never the shared one), persisted with AOF like docker-compose's, so it can be killed
// and started again in the middle of a burst.
const dir = mkdtempSync(join(tmpdir(), 'cunbot-redis-'));
let port = 0;
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startRedis(): Promise<void> {
  server = spawn(
    'redis-server',
    ['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    { stdio: 'ignore' },
  );
  const probe = new Redis(port, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
  probe.on('error', () => {});
  await probe.connect().catch(() => {});
  await probe.ping();
  probe.disconnect();
}

/** Waits for `work`; past `ms`, fails naming what is still missing rather than running into the test's timeout. */
async function within<T>(ms: number, work: Promise<T>, missing: () => Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      missing().then((m) => reject(new Error(`not done ${ms / 1000} s after the burst: ${m}`)), reject);
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

let t: TestSpine;
beforeAll(async () => {
  port = await freePort();
  await startRedis();
  t = await startTestSpine(testPrefix('restart'), { env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await t.close();
  server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis going away in the middle of a burst', () => {
  it('loses no message the bot accepted: every one becomes a case and gets its reply', async () => {
    const total = 24;
    const handled: Array<Promise<unknown>> = [];
    const done = new Set<number>();
    for (let i = 0; i < total; i++) {
      if (i === 8) {
        server?.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 200));
      }
      if (i === 16) await startRedis();
      const id = `burst-${i}`;
      handled.push(
        t.spine.handler.whenHandled(id).then((o) => {
          done.add(i);
          return o;
        }),
      );
      t.world.say({
        room: ROOM,
        from: `村民${i}`,
        text: `@村小助 ${i}组的路灯坏了，晚上看不见路，麻烦找人修一下`,
        mentioned: true,
        id,
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    const repliedTo = () => new Set(t.said.filter((s) => s.room === ROOM).map((s) => /^@(村民\d+)/.exec(s.text)?.[1]));
    const missing = async () => {
      const cased = new Set((await t.spine.store.all({ villages: ['xihe'] })).map((c) => c.resident.name));
      const replied = repliedTo();
      const lacking = [...Array(total).keys()].flatMap((i) => {
        const what = [
          done.has(i) ? null : 'not handled',
          cased.has(`村民${i}`) ? null : 'no case',
          replied.has(`村民${i}`) ? null : 'no reply',
        ].filter(Boolean);
        return what.length > 0 ? [`burst-${i} ${what.join(', ')}`] : [];
      });
      return lacking.join('; ') || 'nothing (the queues are still busy)';
    };
    // A job that Redis moved to active as it was killed runs again once its lock lapses (WORKER_LOCK: within 15 s).
    const settled = Promise.all(handled).then(async (o) => {
      await t.spine.idle();
      return o;
    });
    const outcomes = await within(45_000, settled, missing);
    expect(outcomes.every((o) => (o as { action: string }).action === 'case')).toBe(true);
    expect(await t.spine.store.count({ villages: ['xihe'] })).toBe(total);
    expect(repliedTo().size).toBe(total);
  }, 60_000);
});
