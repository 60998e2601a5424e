import { spawn } from 'node:child_process';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RoutedVillage, withRouting } from '../../src/cases/routing.js';
import { CaseStore } from '../../src/cases/store.js';
import { NEVER_QUIET } from '../../src/config/quiet.js';
import { createIntakeQueue, enqueueIntake, type IntakeJob } from '../../src/queue/intake.js';
import { createSlaQueue } from '../../src/queue/sla.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { startWorkers } from '../../src/workers/index.js';
import { startIntakeWorker } from '../../src/workers/intake.js';
import { openRedis, REDIS_URL, testPrefix } from '../helpers/redis.js';

let n = 0;
function job(over: Partial<IntakeJob> = {}): IntakeJob {
  n += 1;
  return {
    sourceKey: `xihe|西河村村民群|w${n}-${Date.now()}`,
    messageId: `w${n}`,
    village: 'xihe',
    room: '西河村村民群',
    channel: 'group',
    resident: { key: 'xihe:张强', name: '张强' },
    intent: 'service_request',
    confidence: 0.95,
    topics: ['水电路灯'],
    urgent: false,
    text: '村口路灯坏了，麻烦找人修一下',
    receivedAt: new Date().toISOString(),
    context: [],
    joinOpenCase: false,
    botReplies: [],
    ...over,
  };
}

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let villages: RoutedVillage[];
beforeAll(() => {
  villages = withRouting(loadVillages('villages'));
});

describe('the intake worker', () => {
  let redis: Redis;
  let close: () => Promise<void>;
  const prefix = testPrefix('intake');
  beforeAll(async () => {
    ({ redis, close } = await openRedis(prefix));
  });
  afterAll(async () => close());

  it('stores a routed case and sets its first SLA timer', async () => {
    const store = new CaseStore(redis, prefix);
    const workers = startWorkers({ connection: redis, prefix, store, villages, quiet: NEVER_QUIET });
    const queue = createIntakeQueue(redis, prefix);
    const sla = createSlaQueue(redis, prefix);
    const j = job();
    await enqueueIntake(queue, j);
    await enqueueIntake(queue, j);
    const c = await waitFor(async () => (await store.list({ villages: ['xihe'] })).items[0]);
    expect(c).toMatchObject({ slaKind: 'utility', owner: { name: '龚满仓' }, status: 'assigned' });
    expect(await store.count()).toBe(1);
    expect((await new TimerStore(redis, prefix).forCase(c.id)).map((t) => t.kind === 'sla' && t.step)).toEqual([
      'reminder',
    ]);
    await workers.close();
    await Promise.all([queue.close(), sla.close()]);
  });

  it('picks up a job again when the worker holding it is killed mid-job', async () => {
    const p = testPrefix('stalled');
    const { redis: r, close: done } = await openRedis(p);
    const store = new CaseStore(r, p);
    const queue = createIntakeQueue(r, p);
    await enqueueIntake(queue, job());
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hanging-worker.ts'], {
      env: { ...process.env, REDIS_URL, KEY_PREFIX: p },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.includes('took') && resolve()));
    child.kill('SIGKILL');
    expect(await store.count()).toBe(0);

    const sla = createSlaQueue(r, p);
    const timers = new TimerStore(r, p);
    const worker = startIntakeWorker({ connection: r, prefix: p, store, villages, timers, stalledInterval: 300 });
    try {
      await waitFor(async () => (await store.count()) === 1);
      await waitFor(async () => (await queue.getJobCounts('completed')).completed === 1);
      expect(await store.count()).toBe(1);
    } finally {
      await worker.close();
      await Promise.all([queue.close(), sla.close()]);
      await done();
    }
  });

  it('keeps a case’s SLA timer when the worker is killed between storing the case and setting the timer', async () => {
    const p = testPrefix('crash');
    const { redis: r, close: done } = await openRedis(p);
    const store = new CaseStore(r, p);
    const timers = new TimerStore(r, p);
    const queue = createIntakeQueue(r, p);
    await enqueueIntake(queue, job());
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/crash-before-timer-worker.ts'], {
      env: { ...process.env, REDIS_URL, KEY_PREFIX: p, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.includes('saved') && resolve()));
    child.kill('SIGKILL');
    const [c] = (await store.list({ villages: ['xihe'] })).items;
    if (!c) throw new Error('the killed worker stored the case first');
    expect(await timers.forCase(c.id)).toEqual([]);

    const worker = startIntakeWorker({ connection: r, prefix: p, store, villages, timers, stalledInterval: 300 });
    try {
      // The retry finds the case already stored and still sets its timer.
      const set = await waitFor(async () => (await timers.forCase(c.id)).length > 0 && timers.forCase(c.id));
      expect(set).toEqual([{ kind: 'sla', caseId: c.id, step: 'reminder', dueAt: c.dueAt }]);
      expect(await store.count()).toBe(1);
    } finally {
      await worker.close();
      await queue.close();
      await done();
    }
  });

  it('writes reminder, overdue and escalation on the timeline as the SLA timers fire', async () => {
    const p = testPrefix('sla');
    const { redis: r, close: done } = await openRedis(p);
    const store = new CaseStore(r, p);
    // An urgent grade of two seconds: reminder at 1.5 s, overdue at 2 s, escalation at 3 s.
    const fast = villages.map((v) => ({
      ...v,
      village: { ...v.village, sla: { ...v.village.sla, urgent: 2 / 3600 } },
    }));
    const workers = startWorkers({ connection: r, prefix: p, store, villages: fast, quiet: NEVER_QUIET });
    const queue = createIntakeQueue(r, p);
    await enqueueIntake(queue, job({ urgent: true, text: '着火了' }));
    const c = await waitFor(
      async () => (await store.list({ villages: ['xihe'] })).items.find((x) => x.status === 'escalated'),
      10_000,
    );
    expect(c.events.filter((e) => e.actor === 'system').map((e) => e.type)).toEqual([
      'assigned',
      'reminder',
      'overdue',
      'escalated',
      'reassigned',
    ]);
    // Handed to the township contact who takes service requests.
    expect(c.owner).toMatchObject({ name: '温雅琴', kind: 'township' });
    expect((await store.list({ overdue: true })).items.map((x) => x.id)).toEqual([c.id]);
    await workers.close();
    await queue.close();
    await done();
  });
});
