import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis, REDIS_URL, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('simulate');
// One run of the real command costs about 4.5 s of CPU, nearly all of it loading (tsx, the model, Wechaty, BullMQ);
// on two cores shared with other work that is 20 s of wall time or more. Each run may take this long, and a test as
// long as its runs together.
const RUN_MS = 60_000;
const ONE_RUN = { timeout: RUN_MS };
const TWO_RUNS = { timeout: 2 * RUN_MS };
afterAll(async () => (await openRedis(prefix)).close());

const script = [
  { room: '西河村村民群', from: '王大伯', text: '今天天气真好' },
  {
    room: '西河村村民群',
    from: '李婶',
    text: '@村小助 我公公去世了，他的宅基地我们能继承吗？',
    mentioned: true,
    id: 'm1',
  },
  {
    room: '西河村村民群',
    from: '李婶',
    text: '@村小助 我公公去世了，他的宅基地我们能继承吗？',
    mentioned: true,
    id: 'm1',
  },
  'this line is not JSON',
  { room: 'private', from: '李婶', text: '补充一下，房子是1998年批的' },
  { advisor: '林晓岚', case: 'last', reply: '房屋可以继承，请周二来便民服务中心细谈。' },
  { room: '西河村村民群', from: '赵军', text: '着火了！后山老刘家柴房着火了，快来人' },
]
  .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
  .join('\n');

describe('cunbot simulate', () => {
  it('plays a script through the whole system and prints what the bot said, then the cases', ONE_RUN, () => {
    const run = spawnSync(process.execPath, ['bin/cunbot.js', 'simulate', '--villages', 'villages'], {
      input: `${script}\n`,
      env: { ...process.env, REDIS_URL, KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: RUN_MS,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('line 4: not JSON');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // The bot's messages, then the cases line, then the proposals line (Contract 1).
    const said = lines.slice(0, -2);
    const { cases } = lines.at(-2) as { cases: Array<Record<string, unknown>> };
    expect(lines.at(-1)).toEqual({ proposals: [] });

    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(said[0]).toEqual({ to: '西河村村民群', room: '西河村村民群', text: expect.stringMatching(/^@李婶 /), at });
    expect(said[1]).toMatchObject({ to: '李婶' });
    expect(said[2]).toEqual({ to: '李婶', text: expect.stringContaining('已补充到您的案件'), at });
    expect(said[3]).toEqual({ to: '李婶', text: expect.stringContaining('房屋可以继承'), at });
    // Signed by whoever answered, with their title from village.json.
    expect(said[3]?.text).toMatch(/——.*林晓岚$/);
    expect(said.filter((s) => s.room && String(s.text).includes('119'))).toHaveLength(1);
    expect(said.some((s) => s.to === '杜建军')).toBe(true);

    expect(cases).toEqual([
      {
        number: expect.stringMatching(/^XH-\d{4}-\d{3}$/),
        village: 'xihe',
        intent: 'legal_question',
        urgent: false,
        status: 'answered',
        resident: '李婶',
        owner: '林晓岚',
        satisfaction: null,
      },
      expect.objectContaining({ intent: 'service_request', urgent: true, status: 'assigned', resident: '赵军' }),
    ]);
  });

  it('plays the same script the same way a second time (ids name messages within one run)', TWO_RUNS, () => {
    const again = (input: string) =>
      spawnSync(process.execPath, ['bin/cunbot.js', 'simulate', '--villages', 'villages'], {
        input,
        env: { ...process.env, REDIS_URL, KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: RUN_MS,
      }).stdout;
    const line = `${JSON.stringify({ room: '西河村村民群', from: '张强', text: '村口路灯坏了三天了，麻烦找人修一下', id: 'same' })}\n`;
    const [first, second] = [again(line), again(line)];
    expect(first.trim().split('\n')).toHaveLength(3);
    expect(second).toBe(first);
  });

  it('lets the people of village.json act through the workbench’s service, on the simulation’s clock', ONE_RUN, () => {
    const lines = [
      {
        room: '西河村村民群',
        from: '周大哥',
        text: '隔壁老吴家把排水沟堵了，水全流到我家院子里，请村里来调解一下',
        mentioned: true,
      },
      // The dispute is the mediation chair's: an advisor may not answer it.
      { staff: '林晓岚', case: 'last', reply: '我来答' },
      { staff: '贺长青', case: 'last', reply: '明天上午去你家看看。' },
      { staff: '贺长青', case: 'last', close: '已调解，双方签字' },
    ];
    // At night: the group hears nothing, the private hand-off and the answers still go, two minutes a line.
    const args = ['bin/cunbot.js', 'simulate', '--villages', 'villages', '--at', '2026-12-01T23:00:00+08:00'];
    const run = spawnSync(process.execPath, args, {
      input: `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`,
      env: { ...process.env, REDIS_URL, KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: RUN_MS,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/line 2: .*没有分派给您.*skipped/);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.filter((l) => String(l.text ?? '').includes('我来答'))).toEqual([]);
    expect(out.filter((l) => l.room)).toEqual([]);
    expect(out.find((l) => String(l.text).includes('杜建军'))).toMatchObject({
      to: '周大哥',
      at: '2026-12-01T15:00:00.000Z',
    });
    expect(out.find((l) => String(l.text).includes('明天上午去你家看看'))).toMatchObject({
      to: '周大哥',
      at: '2026-12-01T15:04:00.000Z',
    });
    // 回访 of a dispute goes privately, like everything else about it.
    expect(out.at(-3)).toMatchObject({ to: '周大哥', text: expect.stringContaining('满意 / 基本满意 / 不满意') });
    expect(out.at(-2)).toEqual({
      cases: [expect.objectContaining({ intent: 'dispute_report', status: 'closed', owner: '杜建军' })],
    });
    expect(out.at(-1)).toEqual({ proposals: [] });
  });

  it('says what is missing when called without --villages', () => {
    const run = spawnSync(process.execPath, ['bin/cunbot.js', 'simulate'], { encoding: 'utf8', input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--villages');
  });

  it('says plainly when nothing answers at REDIS_URL', ONE_RUN, () => {
    const run = spawnSync(process.execPath, ['bin/cunbot.js', 'simulate', '--villages', 'villages'], {
      encoding: 'utf8',
      input: '',
      env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' },
      timeout: RUN_MS,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^cunbot: cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});
