import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis, REDIS_URL, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('simloop');
afterAll(async () => (await openRedis(prefix)).close());

type Line = { to?: string; room?: string; text?: string; at?: string; cases?: Array<Record<string, unknown>> };

function simulate(input: string, at = '2026-12-01T10:00:00+08:00'): Line[] {
  const run = spawnSync(process.execPath, ['bin/cunbot.js', 'simulate', '--villages', 'villages', '--at', at], {
    input,
    env: { ...process.env, REDIS_URL, KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

const lines = (...l: object[]) => `${l.map((x) => JSON.stringify(x)).join('\n')}\n`;
const said = (out: Line[], to: string, words: string) => out.find((l) => l.to === to && l.text?.includes(words));

describe('simulate plays the whole loop on its own clock', () => {
  it('plays the xihe loop scenario: reminder, overdue, escalation to the township, 回访, reopen, morning', () => {
    const out = simulate(readFileSync('villages/xihe/scenarios/loop.jsonl', 'utf8'));
    const room = '西河村村民群';
    // Closing asks the resident in the group, and "不满意" reopens the case to its owner on a new clock.
    expect(said(out, room, '麻烦回复一个词评价')).toMatchObject({ at: '2026-12-01T02:06:00.000Z' });
    expect(said(out, room, '已重新打开，由村委委员龚满仓继续处理')?.text).toMatch(/^@张强 /);
    expect(said(out, '龚满仓', '【重新打开】')?.text).toContain('不满意，灯还是不亮');
    // The new deadline is 24 h after the reopen: reminder with a quarter left, overdue at it, township 12 h later.
    expect(said(out, '龚满仓', '【督办提醒】')).toMatchObject({ at: '2026-12-01T20:08:00.000Z' });
    expect(said(out, '龚满仓', '【已超时】')).toMatchObject({ at: '2026-12-02T02:08:00.000Z' });
    // Escalated to the township contact for service requests, reached by their WeChat name; the resident is told.
    expect(said(out, '柳湾便民温主任', '【转办】')).toMatchObject({ at: '2026-12-02T14:08:00.000Z' });
    expect(said(out, room, '已上报镇里')?.text).toContain('温雅琴');
    // A question at 22:10 is not answered in the group at night, but at 07:00 when quiet hours end.
    const night = out.filter((l) => l.text?.includes('@李婶'));
    expect(night).toEqual([expect.objectContaining({ at: '2026-12-02T23:00:00.000Z' })]);
    expect(night[0]?.text).toMatch(/^@李婶 早上好！[\s\S]*已受理，编号 XH-1202-001/);
    // The township closes it; the second 回访 is answered 满意.
    expect(said(out, room, '收到您的评价“满意”')).toBeDefined();
    expect(out.at(-2)?.cases).toEqual([
      expect.objectContaining({ number: 'XH-1201-001', status: 'closed', owner: '温雅琴', satisfaction: '满意' }),
      expect.objectContaining({ number: 'XH-1202-001', status: 'assigned', owner: '程小燕', satisfaction: null }),
    ]);
  }, 90_000);

  it('counts no answer in three days as 未评价, never as satisfied, and a late "满意" changes nothing', () => {
    const out = simulate(
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
    const out = simulate(
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
