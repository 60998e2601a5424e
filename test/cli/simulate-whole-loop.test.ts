import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimLine, said, simulate } from '../helpers/cli.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('simwhole');
afterAll(async () => (await openRedis(prefix)).close());

/** "12-01 10:00" Beijing time, as simulate prints it. */
const bj = (t: string) => new Date(`2026-${t.replace(' ', 'T')}:00+08:00`).toISOString();
const room = '西河村村民群';

let out: SimLine[] = [];
beforeAll(() => {
  const run = simulate(readFileSync('villages/xihe/scenarios/whole-loop.jsonl', 'utf8'), prefix, bj('12-01 10:00'));
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  out = run.lines;
}, 90_000);

describe('the whole 接诉即办 loop, played from villages/xihe/scenarios/whole-loop.jsonl', () => {
  it('takes the street light in the group, tells where it stands, and carries the owner answer there', () => {
    expect(said(out, room, '已受理，编号 XH-1201-001。由村委委员龚满仓负责，12月2日 10:00前答复您')).toMatchObject({
      at: bj('12-01 10:00'),
      text: expect.stringMatching(/^@马建国 /),
    });
    expect(said(out, room, '您的 XH-1201-001')).toMatchObject({
      at: bj('12-01 10:02'),
      text: expect.stringContaining('已派单，由村委委员龚满仓办理，12月2日 10:00前答复'),
    });
    expect(said(out, room, '明天上午叫电工过来换灯泡')).toMatchObject({
      at: bj('12-01 10:04'),
      text: expect.stringContaining('——村委委员 龚满仓'),
    });
  });

  it('asks 回访 at the close, and 不满意 reopens the case to its owner on a new 24 h clock', () => {
    expect(said(out, room, '麻烦回复一个词评价')).toMatchObject({ at: bj('12-01 10:06') });
    expect(said(out, room, '已重新打开，由村委委员龚满仓继续处理，12月2日 10:08前答复您')).toMatchObject({
      at: bj('12-01 10:08'),
    });
    expect(said(out, '龚满仓', '【重新打开】')).toMatchObject({
      at: bj('12-01 10:08'),
      text: expect.stringContaining('还是不亮'),
    });
  });

  it('reminds the owner, tells them it is overdue, then hands it to the township and tells the resident', () => {
    // Due at 04:08, in the quiet hours: the reminder of a case that is not urgent waits for 07:00.
    expect(said(out, '龚满仓', '【督办提醒】')).toMatchObject({ at: bj('12-02 07:00') });
    expect(said(out, '龚满仓', '【已超时】')).toMatchObject({
      at: bj('12-02 10:08'),
      text: expect.stringContaining('否则将上报镇里'),
    });
    // 温雅琴 takes service requests for 柳湾镇 and is reached by her WeChat name; the escalation, due at 22:08,
    // waits for the morning too, and so does "已上报镇里" in the group.
    expect(said(out, '柳湾便民温主任', '【转办】')).toMatchObject({
      at: bj('12-03 07:00'),
      text: expect.stringContaining('原负责人：村委委员龚满仓'),
    });
    expect(said(out, room, '已上报镇里')).toMatchObject({
      at: bj('12-03 07:00'),
      text: expect.stringMatching(/^@马建国 .*由柳湾镇便民服务中心主任温雅琴跟进/),
    });
  });

  it('answers a question asked at 23:30 in the group only when quiet hours end, numbered on the day asked', () => {
    const toHer = out.filter((l) => l.text?.includes('吴桂芝'));
    expect(toHer).toEqual([expect.objectContaining({ to: room, at: bj('12-03 07:00') })]);
    expect(toHer[0]?.text).toMatch(/^@吴桂芝 早上好！您昨晚的留言村里收到了。[\s\S]*已受理，编号 XH-1202-001/);
  });

  it('keeps violence at home out of the group: 已私信您 there, help lines privately, the duty member alerted', () => {
    const inGroup = out.filter((l) => l.room && l.text?.includes('陈玉兰'));
    expect(inGroup).toEqual([{ to: room, room, text: '@陈玉兰 已私信您，请查看私聊消息。', at: bj('12-03 07:32') }]);
    expect(out.filter((l) => l.room && /打我|12338|XH-1203/.test(l.text ?? ''))).toEqual([]);
    expect(said(out, '陈玉兰', '编号 XH-1203-001')?.text).toMatch(/110[\s\S]*12338[\s\S]*13900002299/);
    expect(said(out, '杜建军', '【紧急】')?.text).toContain('我男人喝了酒又打我');
    expect(said(out, '陈玉兰', '已通知村委委员、治保调解主任杜建军')).toMatchObject({ at: bj('12-03 07:32') });
  });

  it('raises the open case to urgent on an urgent private follow-up: 120, the duty member, a 2 h clock', () => {
    const urgent = out.filter((l) => l.at === bj('12-03 07:34'));
    expect(urgent).toEqual([
      expect.objectContaining({ to: '马建国', text: expect.stringContaining('立即拨打 120') }),
      expect.objectContaining({ to: '杜建军', text: expect.stringContaining('头磕破了一直流血') }),
      expect.objectContaining({ to: '马建国', text: expect.stringContaining('已通知村委委员、治保调解主任杜建军') }),
    ]);
    // The township contact holds it, now on the urgent clock restarted at 07:34.
    expect(said(out, '柳湾便民温主任', '【督办提醒】')).toMatchObject({
      at: bj('12-03 09:04'),
      text: expect.stringContaining('将于 12月3日 09:34 到期'),
    });
    const overdue = said(out, '柳湾便民温主任', '【已超时】');
    expect(overdue).toMatchObject({ at: bj('12-03 09:34'), text: expect.stringContaining('已转镇里办理') });
    expect(overdue?.text).not.toContain('上报镇里');
  });

  it('ends with the street light escalated to the township contact, urgent, rated 不满意', () => {
    expect(out.at(-1)).toEqual({ proposals: [] });
    expect(out.at(-2)?.cases).toEqual([
      expect.objectContaining({
        number: 'XH-1201-001',
        resident: '马建国',
        status: 'escalated',
        owner: '温雅琴',
        urgent: true,
        satisfaction: '不满意',
      }),
      expect.objectContaining({ number: 'XH-1202-001', resident: '吴桂芝', status: 'assigned', owner: '程小燕' }),
      expect.objectContaining({ number: 'XH-1203-001', resident: '陈玉兰', urgent: true, owner: '杜建军' }),
    ]);
  });
});
