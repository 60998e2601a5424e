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
    for (let i = 0; i < total; i++) {
      if (i === 8) {
        server?.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 200));
      }
      if (i === 16) await startRedis();
      const id = `burst-${i}`;
      handled.push(t.spine.handler.whenHandled(id));
      t.world.say({
        room: ROOM,
        from: `村民${i}`,
        text: `@村小助 ${i}组的路灯坏了，晚上看不见路，麻烦找人修一下`,
        mentioned: true,
        id,
      });
      await new Promise((r) => setTimeout(r, 20));
    }
    const outcomes = await Promise.all(handled);
    await t.spine.idle();
    expect(outcomes.every((o) => (o as { action: string }).action === 'case')).toBe(true);
    expect(await t.spine.store.count({ villages: ['xihe'] })).toBe(total);
    const replied = new Set(t.said.filter((s) => s.room === ROOM).map((s) => /^@(村民\d+)/.exec(s.text)?.[1]));
    expect(replied.size).toBe(total);
  }, 60_000);
});
