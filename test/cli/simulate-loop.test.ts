import { afterAll, describe, expect, it } from 'vitest';
import { said, simulate } from '../helpers/cli.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('simloop');
afterAll(async () => (await openRedis(prefix)).close());

const lines = (...l: object[]) => `${l.map((x) => JSON.stringify(x)).join('\n')}\n`;

function play(script: string) {
  const run = simulate(script, prefix, '2026-12-01T10:00:00+08:00');
  expect(run.status, run.stderr).toBe(0);
  return run.lines;
}

// The whole loop is villages/xihe/scenarios/whole-loop.jsonl (simulate-whole-loop.test.ts); these are the 回访
// answers it does not play.
describe('回访 on the simulation clock', () => {
  it('counts no answer in three days as 未评价, never as satisfied, and a late "满意" changes nothing', () => {
    const out = play(
      lines(
        { room: '西河村村民群', from: '赵四', text: '@村小助 三组的垃圾箱满了好几天没人清', mentioned: true },
        { staff: '龚满仓', case: 'last', close: '已清运' },
        { wait: '3d' },
        { room: '西河村村民群', from: '赵四', text: '满意' },
      ),
    );
    expect(out.filter((l) => l.text?.includes('收到您的评价'))).toEqual([]);
    expect(out.at(-2)?.cases).toEqual([expect.objectContaining({ status: 'closed', satisfaction: null })]);
  }, 90_000);

  it('asks 回访 of a dispute privately, and an answer there is recorded', () => {
    const out = play(
      lines(
        {
          room: '西河村村民群',
          from: '周大哥',
          text: '隔壁老吴家把排水沟堵了，水全流到我家院子里，请村里来调解一下',
          mentioned: true,
        },
        { staff: '杜建军', case: 'last', close: '双方达成调解协议' },
        { room: 'private', from: '周大哥', text: '基本满意' },
      ),
    );
    expect(out.filter((l) => l.room && l.text?.includes('评价'))).toEqual([]);
    expect(said(out, '周大哥', '麻烦回复一个词评价')).toBeDefined();
    expect(said(out, '周大哥', '收到您的评价“基本满意”')).toBeDefined();
    expect(out.at(-2)?.cases).toEqual([expect.objectContaining({ satisfaction: '基本满意' })]);
  }, 90_000);
});
