import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageHandler } from '../../src/bot/handler.js';
import { policyFromConfig } from '../../src/bot/policy.js';
import { withRouting } from '../../src/cases/routing.js';
import { CaseStore } from '../../src/cases/store.js';
import { SurveyDesk } from '../../src/cases/survey-desk.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadConfig } from '../../src/config/env.js';
import { createIntakeQueue } from '../../src/queue/intake.js';
import type { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
import { loadVillages } from '../../src/villages/load.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('handler');
let redis: Redis;
let close: () => Promise<void>;
let intake: ReturnType<typeof createIntakeQueue>;

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  intake = createIntakeQueue(redis, prefix);
});
afterAll(async () => {
  await intake.close();
  await close();
});

/** The bot's handler on this test's Redis, replying through `outbox`, with no quiet hours. */
function handlerSending(outbox: Outbox): MessageHandler {
  const villages = withRouting(loadVillages('villages'));
  const store = new CaseStore(redis, prefix);
  const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
  const timers = new TimerStore(redis, prefix);
  return new MessageHandler({
    redis,
    prefix,
    villages,
    store,
    intake,
    outbox,
    templates,
    timers,
    survey: new SurveyDesk({ store, outbox, timers, templates, villages: villages.map((v) => v.village) }),
    policy: policyFromConfig(
      loadConfig({}),
      villages.map((v) => v.village),
      { quiet: { start: 0, end: 0 } },
    ),
  });
}

describe('the message handler', () => {
  it('takes a message again when WeChat re-delivers it after a failed first attempt', async () => {
    let failures = 1;
    const sent: string[] = [];
    const outbox = {
      send: async (m: { text: string }) => {
        if (failures-- > 0) throw new Error('outbound queue unavailable');
        sent.push(m.text);
      },
    } as unknown as Outbox;
    const handler = handlerSending(outbox);
    const msg = {
      id: 'flaky-1',
      room: '西河村村民群',
      from: '张强',
      kind: 'text' as const,
      text: '@村小助 村口路灯坏了三天了，麻烦找人修一下',
      mentioned: true,
      at: new Date(),
    };
    expect(await handler.handle(msg)).toMatchObject({ action: 'ignored', reason: 'error' });
    expect(await handler.handle(msg)).toMatchObject({ action: 'case' });
    expect(sent).toHaveLength(1);
    expect(await handler.handle(msg)).toMatchObject({ reason: 'duplicate' });
  });

  it('one resident opens at most five cases an hour, is told so once, and an emergency still gets through', async () => {
    const sent: Array<{ to: { kind: string }; text: string }> = [];
    const outbox = {
      send: async (m: { to: { kind: string }; text: string }) => void sent.push(m),
    } as unknown as Outbox;
    const handler = handlerSending(outbox);
    const say = (i: number, text: string) =>
      handler.handle({
        id: `flood-${i}`,
        room: '西河村村民群',
        from: '刷屏的人',
        kind: 'text',
        text: `@村小助 ${text}`,
        mentioned: true,
        at: new Date(),
      });
    const outcomes = [];
    for (let i = 0; i < 7; i++) outcomes.push(await say(i, `第${i + 1}件事：村口路灯又坏了一盏，麻烦找人修一下`));
    expect(outcomes.slice(0, 5).every((o) => o.action === 'case')).toBe(true);
    expect(outcomes[5]).toEqual({ action: 'replied', kind: 'case_limit' });
    expect(outcomes[6]).toEqual({ action: 'silent', reason: 'case limit' });
    expect(sent.filter((m) => m.text.includes('已经反映了5件事'))).toHaveLength(1);
    expect(await say(8, '着火了！村东头王家房子着火了，快来人')).toMatchObject({ action: 'case', urgent: true });
  });
});
