import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/cases/store.js';
import { SurveyDesk } from '../../src/cases/survey-desk.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { ManualClock } from '../../src/config/clock.js';
import { quietHoursOf } from '../../src/config/quiet.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { processTimer, type TimerDeps } from '../../src/workers/sla.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('timers');
let redis: Redis;
let close: () => Promise<void>;
let deps: TimerDeps;
let outbox: Outbox;
const clock = new ManualClock('2026-12-01T02:00:00Z');

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  const store = new CaseStore(redis, prefix, clock);
  const timers = new TimerStore(redis, prefix);
  const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
  const villages = loadVillages('villages').map((v) => v.village);
  outbox = new Outbox(redis, prefix);
  deps = {
    store,
    timers,
    outbox,
    templates,
    proposals: new ProposalStore(redis, prefix),
    survey: new SurveyDesk({ store, outbox, timers, templates, villages }),
    // Consultation deadlines are proven in test/cli/simulate-consult.test.ts.
    consult: { closeDue: async () => 0 },
    villages: new Map(villages.map((v) => [v.id, v])),
    // QUIET_HOURS' default, as policyFromConfig reads it for the bot.
    quiet: quietHoursOf({ QUIET_HOURS: '22-7', TIMEZONE: 'Asia/Shanghai' }),
  };
});
afterAll(async () => {
  await outbox.close();
  await close();
});

/** What is queued to be said (kept until the test drains it, as sent jobs are kept: their ids dedupe a retry). */
async function said() {
  const jobs = await outbox.queue.getJobs(['waiting', 'prioritized']);
  return jobs.map((j) => j.data);
}

describe('SLA timers', () => {
  it('escalate a dispute to the township’s 司法所 with a referral, and tell the resident privately', async () => {
    const owner = { name: '杜建军', role: '治保调解主任', kind: 'committee' as const };
    const { case: c } = await deps.store.createOrMerge(caseInput({ intent: 'dispute_report', owner }));
    await processTimer({ kind: 'sla', caseId: c.id, step: 'escalate', dueAt: c.dueAt }, deps);
    const after = await deps.store.get(c.id);
    expect(after).toMatchObject({ status: 'escalated', owner: { name: '卢振华', kind: 'township' } });
    expect(after?.events.at(-1)?.text).toContain('原负责人：治保调解主任杜建军');
    const out = await said();
    const to = (name: string) => out.find((m) => m.to.kind === 'contact' && m.to.name === name)?.text;
    expect(out).toHaveLength(2);
    expect(to('卢振华')).toContain('【转办】');
    expect(to('王大伯')).toContain('已上报镇里，由柳湾镇司法所所长卢振华跟进');
    // A retried job tells nobody twice and moves nothing again.
    await processTimer({ kind: 'sla', caseId: c.id, step: 'escalate', dueAt: c.dueAt }, deps);
    expect(await said()).toHaveLength(2);
    await outbox.queue.drain();
  });

  it('leave a proposal on the 议事 agenda alone: no overdue notice, no escalation', async () => {
    const { case: c } = await deps.store.createOrMerge(caseInput({ intent: 'proposal' }));
    await deps.proposals.advance(
      { caseId: c.id, village: 'xihe', stage: 'proposed', note: '支委会提议', actor: 'user:he' },
      clock.now(),
    );
    for (const step of ['overdue', 'escalate'] as const) {
      await processTimer({ kind: 'sla', caseId: c.id, step, dueAt: c.dueAt }, deps);
    }
    expect((await deps.store.get(c.id))?.events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(await said()).toEqual([]);
    expect(await deps.timers.forCase(c.id)).toEqual([]);
  });

  it('hold a step of a case that is not urgent through the quiet hours, and run it when they end', async () => {
    clock.set('2026-12-02T04:24:00+08:00');
    const { case: c } = await deps.store.createOrMerge(caseInput({ receivedAt: '2026-12-01T10:24:00+08:00' }));
    await processTimer({ kind: 'sla', caseId: c.id, step: 'reminder', dueAt: c.dueAt }, deps);
    expect(await said()).toEqual([]);
    const [held] = await deps.timers.forCase(c.id);
    expect(held).toMatchObject({ step: 'reminder', heldUntil: new Date('2026-12-02T07:00:00+08:00').toISOString() });
    clock.set('2026-12-02T07:00:00+08:00');
    await processTimer(held, deps);
    expect((await said()).map((m) => m.text)).toEqual([expect.stringMatching(/^【督办提醒】/)]);
    expect((await deps.store.get(c.id))?.events.at(-1)).toMatchObject({
      type: 'reminder',
      at: clock.now().toISOString(),
    });
    expect(await deps.timers.forCase(c.id)).toContainEqual({
      kind: 'sla',
      caseId: c.id,
      step: 'overdue',
      dueAt: c.dueAt,
    });
    await outbox.queue.drain();
    clock.set('2026-12-01T10:00:00+08:00');
  });

  it('keep an urgent case on its clock at night: overdue at 23:14 is told at 23:14', async () => {
    clock.set('2026-12-01T23:14:00+08:00');
    const { case: c } = await deps.store.createOrMerge(caseInput({ urgent: true, text: '着火了' }));
    await processTimer({ kind: 'sla', caseId: c.id, step: 'overdue', dueAt: c.dueAt }, deps);
    expect((await said()).map((m) => m.text)).toEqual([expect.stringMatching(/^【已超时】/)]);
    await outbox.queue.drain();
    clock.set('2026-12-01T10:00:00+08:00');
  });
});
