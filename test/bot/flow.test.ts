import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLoginState } from '../../src/queue/login.js';
import { testPrefix } from '../helpers/redis.js';
import { ROOM, startTestSpine, type TestSpine } from '../helpers/spine.js';

let t: TestSpine;

beforeAll(async () => {
  t = await startTestSpine(testPrefix('flow'));
});
afterAll(async () => t.close());

// The shell around the bot's decisions (Redis, the queues, the mock WeChat); the decisions themselves are proven
// without any of them in plan.test.ts.
describe('a village group with the bot in it', () => {
  it('tells the admin side the bot is logged in', async () => {
    expect(await readLoginState(t.spine.redis, t.spine.prefix)).toMatchObject({ state: 'online', user: '村小助' });
  });

  it('takes a legal question in with a neutral word in the group and the advisor in private', async () => {
    const outcome = await t.say({
      from: '李婶',
      text: '@村小助 我公公去世了，他的宅基地我们能继承吗？',
      mentioned: true,
    });
    expect(outcome).toMatchObject({ action: 'case', intent: 'legal_question' });
    const [group, dm, ...rest] = t.take();
    expect(rest).toEqual([]);
    expect(group?.to).toBe(ROOM);
    expect(group?.text).toMatch(/^@李婶 /);
    expect(group?.text).toMatch(/XH-\d{4}-\d{3}/);
    // Personal matters never go back into the group.
    expect(group?.text).not.toMatch(/宅基地|公公|去世/);
    expect(dm?.to).toBe('李婶');
    expect(dm?.text).toMatch(/林晓岚，电话 13900001201|郑国栋，电话 13900001202/);
    const c = await t.spine.store.getByNumber(/XH-\d{4}-\d{3}/.exec(group?.text ?? '')?.[0] ?? '');
    expect(c).toMatchObject({ intent: 'legal_question', status: 'assigned', owner: { kind: 'advisor' } });
    expect(dm?.text).toContain(c?.owner?.name);
  });

  it('accepts a repair request with its number, who answers and by when, due within 24 hours', async () => {
    const outcome = await t.say({ from: '张强', text: '村口路灯坏了三天了，晚上黑漆漆的，能不能找人修一下' });
    expect(outcome).toMatchObject({ action: 'case', intent: 'service_request' });
    const [group] = t.take();
    expect(group?.text).toMatch(/已受理，编号 XH-\d{4}-\d{3}。由.+负责，\d+月\d+日 \d\d:\d\d前答复您/);
    const c = await t.spine.store.getByNumber(/XH-\d{4}-\d{3}/.exec(group?.text ?? '')?.[0] ?? '');
    expect(c?.slaKind).toBe('utility');
    expect(Date.parse(c?.dueAt ?? '') - Date.parse(c?.receivedAt ?? '')).toBe(24 * 3600_000);
  });

  it('answers an emergency at once with 119 and alerts the member on duty privately', async () => {
    const outcome = await t.say({ from: '赵军', text: '着火了！后山老刘家柴房着火了，快来人' });
    expect(outcome).toMatchObject({ action: 'case', urgent: true });
    const [group, alert] = t.take();
    expect(group?.to).toBe(ROOM);
    expect(group?.text).toContain('119');
    expect(alert?.to).toBe('杜建军');
    expect(alert?.text).toContain('柴房着火');
    const { items } = await t.spine.store.list({ villages: ['xihe'] });
    expect(items[0]).toMatchObject({ urgent: true, slaKind: 'urgent', resident: { name: '赵军' } });
    // Should the alert never get through, the failure lands on this very case.
    const sent = await t.spine.outbox.queue.getCompleted();
    const alertJob = sent.find((j) => j.data.to.kind === 'contact' && j.data.to.name === '杜建军');
    expect(alertJob?.data.caseId).toBe(items[0]?.id);
  });

  it('makes one case and one reply of a message WeChat delivers twice', async () => {
    const before = await t.spine.store.count();
    const text = '@村小助 我家低保这个月怎么还没发下来？';
    await t.say({ id: 'dup-1', from: '孙大娘', text, mentioned: true });
    expect(await t.say({ id: 'dup-1', from: '孙大娘', text, mentioned: true })).toMatchObject({ reason: 'duplicate' });
    expect(t.take()).toHaveLength(1);
    expect(await t.spine.store.count()).toBe(before + 1);
  });

  it('keeps the talk before a case on it, a message WeChat delivered twice only once', async () => {
    const before = '东头那段路的灯又不亮了，黑灯瞎火的';
    await t.say({ id: 'ctx-dup', from: '马婶', text: before });
    await t.say({ id: 'ctx-dup', from: '马婶', text: before });
    await t.say({ from: '马婶', text: '@村小助 麻烦派人来修一下东头的路灯', mentioned: true });
    const number = /XH-\d{4}-\d{3}/.exec(t.take().at(-1)?.text ?? '')?.[0] ?? '';
    const c = await t.spine.store.getByNumber(number);
    expect(c?.context.filter((m) => m.text === before)).toHaveLength(1);
  });

  it('joins a resident’s private follow-up to the open case', async () => {
    await t.say({
      from: '陈嫂',
      text: '@村小助 我男人在工地干了半年，老板一直拖着工资不给，怎么办？',
      mentioned: true,
    });
    const number = /XH-\d{4}-\d{3}/.exec(t.take()[0]?.text ?? '')?.[0] ?? '';
    await t.say({ room: null, from: '陈嫂', text: '补充一下，老板姓黄，欠了一万二' });
    expect(t.take()).toEqual([{ to: '陈嫂', text: expect.stringContaining(number) }]);
    const c = await t.spine.store.getByNumber(number);
    expect(c?.messages.map((m) => m.text)).toContain('补充一下，老板姓黄，欠了一万二');
  });

  it('carries an advisor’s answer back to the resident privately', async () => {
    await t.say({ from: '吴叔', text: '@村小助 儿子不给我养老钱，我能告他吗？', mentioned: true });
    const number = /XH-\d{4}-\d{3}/.exec(t.take()[0]?.text ?? '')?.[0] ?? '';
    const c = await t.spine.store.getByNumber(number);
    const lin = { id: 'user:lin', name: '林晓岚', role: 'advisor' as const, villages: ['xihe'] };
    expect(c?.owner?.name).toBe('林晓岚');
    await t.spine.service.reply(lin, c?.id ?? '', { text: '可以，子女有赡养义务。' });
    await t.spine.idle();
    expect(t.take()).toEqual([{ to: '吴叔', text: expect.stringContaining('子女有赡养义务') }]);
    const after = await t.spine.store.get(c?.id ?? '');
    expect(after?.status).toBe('answered');
    expect(after?.events.map((e) => e.type)).toContain('sent');
  });

  it('handles a 5,000-character message without trouble', async () => {
    const text = `@村小助 ${'我们村的路灯坏了需要修理。'.repeat(400)}`.slice(0, 5000);
    const outcome = await t.say({ from: '长文', text, mentioned: true });
    expect(outcome.action).toBe('case');
    expect(t.take().length).toBeGreaterThan(0);
  });

  it('asks for words when a picture follows a mention, and ignores pictures otherwise', async () => {
    await t.say({ from: '拍照', text: '@村小助', mentioned: true });
    t.take();
    await t.say({ from: '拍照', text: '', image: true });
    expect(t.take()).toEqual([{ to: ROOM, room: ROOM, text: expect.stringContaining('请用文字描述') }]);
    expect(await t.say({ from: '拍照', text: '', image: true })).toMatchObject({ action: 'ignored' });
    expect(t.take()).toEqual([]);
  });

  it('backs the sender off when WeChat says we send too fast', async () => {
    const notice = { room: null, from: '微信团队', text: '发送消息过于频繁，请稍后再试', system: true };
    expect(await t.say(notice)).toMatchObject({ action: 'ignored', reason: 'system' });
    expect(await t.spine.outbox.queue.getRateLimitTtl()).toBeGreaterThan(0);
  });
});
