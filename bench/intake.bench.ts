// The intake spine under load, on the mock puppet and the Redis at REDIS_URL: messages per second, and p50/p99 from
// a resident's message to the bot's instant reply (said in the group) and to the case being stored, with 1, 10 and
// 1,000 messages in flight (a message is in flight until its reply is said and its case stored; outbound limit
// off); in one process and split over two (workers apart); and BullMQ alone (add → processed by a no-op worker) as
// the floor.
// Targets: instant reply p99 ≤ 20 ms, case stored p99 ≤ 50 ms at 10 in flight, ≥ 1,000 messages/s intake.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ALWAYS_ON_POLICY, startMockSpine } from '../src/cli/spine.js';
import { loadConfig } from '../src/config/env.js';
import { deletePrefix } from '../src/queue/connection.js';
import { loadVillages } from '../src/villages/load.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOM = '西河村村民群';
const LEVELS: Array<{ inFlight: number; total: number }> = [
  { inFlight: 1, total: 300 },
  { inFlight: 10, total: 2000 },
  { inFlight: 1000, total: 5000 },
];
const TEXTS = [
  '@村小助 村口路灯坏了三天了，晚上看不见路，麻烦找人修一下',
  '@村小助 我家这个月的低保怎么还没发下来？',
  '@村小助 建议村里在文化广场装几个监控',
  '@村小助 自来水管爆了，水流了一地',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
const ms = (x: number) => x.toFixed(1);

async function forget(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  await deletePrefix(redis, prefix);
  redis.disconnect();
}

/** Runs `total` operations with `inFlight` of them outstanding at any time. */
async function closedLoop(inFlight: number, total: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, total) }, async () => {
      while (next < total) await one(next++);
    }),
  );
  return performance.now() - t0;
}

async function floor(): Promise<Array<Record<string, string>>> {
  const prefix = `bench-floor-${process.pid}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('floor', { connection, prefix, defaultJobOptions: { removeOnComplete: true } });
  const done = new Map<string, () => void>();
  const worker = new Worker('floor', async () => undefined, { connection, prefix, concurrency: 8 });
  worker.on('completed', (job) => done.get(job.id ?? '')?.());
  const rows: Array<Record<string, string>> = [];
  for (const { inFlight, total } of LEVELS) {
    const lat: number[] = [];
    const elapsed = await closedLoop(inFlight, total, async (i) => {
      const id = `j${inFlight}-${i}`;
      const t0 = performance.now();
      const finished = new Promise<void>((resolve) => done.set(id, resolve));
      await queue.add('x', { i }, { jobId: id });
      await finished;
      done.delete(id);
      lat.push(performance.now() - t0);
    });
    rows.push({
      'in flight': String(inFlight),
      jobs: String(total),
      'jobs/s': (total / (elapsed / 1000)).toFixed(0),
      'processed p50 ms': ms(pct(lat, 0.5)),
      'processed p99 ms': ms(pct(lat, 0.99)),
    });
  }
  await worker.close();
  await queue.close();
  connection.disconnect();
  await forget(prefix);
  return rows;
}

/**
 * When each case number showed up on one stream of events (replies said, cases stored). An event can come before the
 * bot's handling of its message returns the number (workers in a second process can store the case first while the
 * bot's process waits for the CPU), so early arrivals are kept, with their time, until asked for.
 */
class Arrivals {
  private readonly waiting = new Map<string, (at: number) => void>();
  private readonly early = new Map<string, number>();

  arrive(number: string): void {
    const at = performance.now();
    const waiter = this.waiting.get(number);
    if (!waiter) {
      this.early.set(number, at);
      return;
    }
    this.waiting.delete(number);
    waiter(at);
  }

  when(number: string): Promise<number> {
    const at = this.early.get(number);
    if (at === undefined) return new Promise((resolve) => this.waiting.set(number, resolve));
    this.early.delete(number);
    return Promise.resolve(at);
  }
}

/**
 * `intakeOnly`: a message leaves the flight once its case is stored; its reply is still timed but not waited for
 * (intake is taking messages in; what the bot says is paced by the one sender, and by WeChat in production).
 */
async function spine(
  senderConcurrency: number,
  split = false,
  intakeOnly = false,
): Promise<Array<Record<string, string>>> {
  const prefix = `bench-intake-${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'cunbot-bench-'));
  const config = loadConfig({
    ...process.env,
    REDIS_URL,
    KEY_PREFIX: prefix,
    PUPPET: 'mock',
    OUTBOUND_INTERVAL_MS: '0',
    OUTBOUND_JITTER_MS: '0',
    DATA_DIR: dataDir,
  });
  const villages = loadVillages('villages');
  const { spine: s, world } = await startMockSpine({
    config,
    villages,
    policy: ALWAYS_ON_POLICY,
    senderConcurrency,
    workers: !split,
  });
  const replied = new Arrivals();
  const stored = new Arrivals();
  // Split: the workers run in a second process and print the number of each case they store.
  let child: ChildProcess | undefined;
  if (split) {
    child = spawn(process.execPath, ['--import', 'tsx', 'bench/intake-workers.ts'], {
      env: { ...process.env, REDIS_URL, KEY_PREFIX: prefix, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout as Readable });
    await new Promise<void>((resolve) =>
      lines.on('line', (line) => (line === 'ready' ? resolve() : stored.arrive(line))),
    );
  }
  world.onSaid((said) => {
    const number = /XH-\d{4}-\d{3,}/.exec(said.text)?.[0];
    if (said.room && number) replied.arrive(number);
  });
  s.workers?.intake.on('completed', (_job, result: { number: string }) => stored.arrive(result.number));

  const rows: Array<Record<string, string>> = [];
  let seq = 0;
  for (const { inFlight, total } of LEVELS) {
    const accept: number[] = [];
    const reply: number[] = [];
    const store: number[] = [];
    const late: Array<Promise<void>> = [];
    const elapsed = await closedLoop(inFlight, total, async (i) => {
      const id = `b${process.pid}-${seq++}`;
      const handled = s.handler.whenHandled(id);
      const t0 = performance.now();
      world.say({ room: ROOM, from: `村民${i % 300}`, text: TEXTS[i % TEXTS.length] ?? '', mentioned: true, id });
      const outcome = await handled;
      accept.push(performance.now() - t0);
      if (outcome.action !== 'case') throw new Error(`expected a case, got ${JSON.stringify(outcome)}`);
      // In flight until both happened: the reply said and the case stored (or only the latter, intakeOnly).
      const said = replied.when(outcome.number).then((at) => {
        reply.push(at - t0);
      });
      const kept = stored.when(outcome.number).then((at) => {
        store.push(at - t0);
      });
      if (intakeOnly) {
        late.push(said);
        await kept;
      } else await Promise.all([said, kept]);
    });
    await Promise.all(late.splice(0));
    rows.push({
      'in flight': String(inFlight),
      messages: String(total),
      'msgs/s': (total / (elapsed / 1000)).toFixed(0),
      'accepted p50/p99 ms': `${ms(pct(accept, 0.5))} / ${ms(pct(accept, 0.99))}`,
      'instant reply p50/p99 ms': `${ms(pct(reply, 0.5))} / ${ms(pct(reply, 0.99))}`,
      'case stored p50/p99 ms': `${ms(pct(store, 0.5))} / ${ms(pct(store, 0.99))}`,
    });
  }
  if (child) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child?.once('exit', resolve));
  }
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
  await forget(prefix);
  return rows;
}

export default async function bench(): Promise<void> {
  console.log('BullMQ alone (add → processed by a no-op worker, concurrency 8): the floor');
  console.table(await floor());
  console.log('cunbot intake: resident message → accepted by the bot / reply said in the group / case stored');
  console.log('(outbound limit off; the sender says one message at a time, as one WeChat account does)');
  console.table(await spine(1));
  console.log('the same with the sender saying up to 4 messages at once (only possible with the limit off)');
  console.table(await spine(4));
  console.log('bot and sender in one process, intake workers in a second one (sender one at a time)');
  console.table(await spine(1, true));
  console.log('the same split, sender up to 4 at once');
  console.table(await spine(4, true));
  console.log('intake alone, split: in flight until the case is stored (replies queued, timed, not waited for)');
  console.table(await spine(1, true, true));
}
