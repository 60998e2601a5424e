import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/cases/store.js';
import { SurveyDesk } from '../../src/cases/survey-desk.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { ManualClock } from '../../src/config/clock.js';
import { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('survey-desk');
let redis: Redis;
let close: () => Promise<void>;
let store: CaseStore;
let outbox: Outbox;
let desk: SurveyDesk;

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  store = new CaseStore(redis, prefix, new ManualClock('2026-12-01T10:00:00+08:00'));
  outbox = new Outbox(redis, prefix);
  const villages = loadVillages('villages').map((v) => v.village);
  const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
  desk = new SurveyDesk({ store, outbox, timers: new TimerStore(redis, prefix), templates, villages });
});
afterAll(async () => {
  await outbox.close();
  await close();
});

/** A group case of 吴桂芝's, closed and asked the 回访 question in the group. */
async function asked() {
  const resident = { key: 'xihe:吴桂芝', name: '吴桂芝' };
  const { case: c } = await store.createOrMerge(caseInput({ resident }));
  await desk.ask(await store.update(c.id, (x) => ({ ...x, status: 'closed' })));
  await outbox.queue.drain();
  return c;
}

/** Where each queued message goes, with its first words. */
const told = async () =>
  (await outbox.queue.getJobs(['waiting', 'prioritized'])).map((j) => ({
    to: j.data.to,
    text: j.data.text.slice(0, 6),
  }));

describe('the 回访 answer’s reply', () => {
  it('goes privately to a resident who answered privately, though the case is the group’s', async () => {
    const c = await asked();
    await desk.answer(c.id, '不满意', '路灯还是没修好 昨晚又黑了', 'm-private', null);
    expect(await told()).toEqual(
      expect.arrayContaining([
        { to: { kind: 'contact', name: '吴桂芝' }, text: '对不起，事情' },
        { to: { kind: 'contact', name: '程小燕' }, text: '【重新打开】' },
      ]),
    );
    expect((await told()).filter((m) => m.to.kind === 'room')).toEqual([]);
    await outbox.queue.drain();
  });

  it('goes to the group with @name when the answer was written there', async () => {
    const c = await asked();
    await desk.answer(c.id, '基本满意', '基本满意 就是来的有点晚', 'm-group', '西河村村民群');
    expect(await told()).toEqual([
      { to: { kind: 'room', topic: '西河村村民群', mention: '吴桂芝' }, text: '收到您的评价' },
    ]);
    await outbox.queue.drain();
  });
});
