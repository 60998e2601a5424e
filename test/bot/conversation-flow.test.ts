import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPrefix } from '../helpers/redis.js';
import { ROOM, startTestSpine, type TestSpine } from '../helpers/spine.js';

let t: TestSpine;

beforeAll(async () => {
  t = await startTestSpine(testPrefix('talk'));
});
afterAll(async () => t.close());

const numberIn = (text: string | undefined) => /XH-\d{4}-\d{3}/.exec(text ?? '')?.[0] ?? '';

// Conversations on real Redis and the mock WeChat: the decisions are proven alone in conversation.test.ts.
describe('a resident talking with the bot over several messages', () => {
  it('keeps a domestic-violence call out of the group, and staff answers on it go privately', async () => {
    await t.say({ from: '李桂芬', text: '@村小助 我老公在打我 救命', mentioned: true });
    const [group, dm, alert, notified, ...rest] = t.take();
    expect(rest).toEqual([]);
    // Who was alerted is said after the alert went, privately too.
    expect(notified).toEqual({ to: '李桂芬', text: expect.stringMatching(/^已通知.*杜建军/) });
    expect(group).toMatchObject({ to: ROOM, text: '@李桂芬 已私信您，请查看私聊消息。' });
    expect(dm?.to).toBe('李桂芬');
    expect(dm?.text).toMatch(/110.*12338/s);
    expect(alert?.to).toBe('杜建军');
    const c = await t.spine.store.getByNumber(numberIn(dm?.text));
    expect(c).toMatchObject({ urgent: true, slaKind: 'urgent', sensitive: true, intent: 'dispute_report' });
    const su = { id: 'user:su', name: '苏梅', role: 'committee' as const, villages: ['xihe'] };
    await t.spine.service.reply(su, c?.id ?? '', { text: '你先去娘家住，我们明天上门找你丈夫谈。' });
    await t.spine.idle();
    expect(t.take()).toEqual([{ to: '李桂芬', text: expect.stringContaining('先去娘家住') }]);
  });

  it('reopens a closed repair to its owner when the resident says it is not fixed, with a new timer', async () => {
    await t.say({ from: '龚大爷', text: '@村小助 村口路灯坏了三天了，晚上黑漆漆的', mentioned: true });
    const number = numberIn(t.take()[0]?.text);
    const c = await t.spine.store.getByNumber(number);
    const committee = { id: 'user:he', name: '贺长青', role: 'committee' as const, villages: ['xihe'] };
    await t.spine.service.setStatus(committee, c?.id ?? '', 'closed', '已换灯泡');
    await t.spine.idle();
    t.take();
    // The close asked the 回访 question, so the complaint is its answer: 不满意, and the case goes back to its owner.
    const outcome = await t.say({ room: null, from: '龚大爷', text: '还是不亮，没修好' });
    expect(outcome).toMatchObject({ action: 'replied', kind: 'survey' });
    await t.spine.idle();
    // He answered privately, so he is told privately that it is open again; the owner hears his words.
    expect(t.take()).toEqual([
      { to: '龚大爷', text: expect.stringMatching(new RegExp(`${number}.*重新打开`)) },
      { to: '龚满仓', text: expect.stringContaining('还是不亮，没修好') },
    ]);
    const after = await t.spine.store.getByNumber(number);
    expect(after).toMatchObject({ status: 'reopened', owner: c?.owner, resolvedAt: null });
    expect(Date.parse(after?.dueAt ?? '')).toBeGreaterThan(Date.parse(c?.dueAt ?? ''));
    expect(await t.spine.store.count({ villages: ['xihe'] })).toBeGreaterThan(0);
  });

  it('asks which case a follow-up belongs to when two fit, and files it where the resident says', async () => {
    await t.say({ from: '钱婶', text: '@村小助 东头路灯坏了，麻烦派人修一下', mentioned: true });
    const lamp = numberIn(t.take()[0]?.text);
    await t.say({ from: '钱婶', text: '@村小助 想开个居住证明，去哪里开', mentioned: true });
    t.take();
    await t.say({ room: null, from: '钱婶', text: '那我需要带什么材料去？' });
    const [ask] = t.take();
    expect(ask?.text).toMatch(/^是补充 XH-\d{4}-\d{3}（.+）吗？回复1；新的事回复2$/);
    const asked = numberIn(ask?.text);
    const outcome = await t.say({ room: null, from: '钱婶', text: '1' });
    expect(outcome).toMatchObject({ action: 'case', number: asked, joined: true });
    const c = await t.spine.store.getByNumber(asked);
    expect(c?.messages.map((m) => m.text)).toContain('那我需要带什么材料去？');
    expect(lamp).toMatch(/XH-/);
  });

  it('files a message it asked about where it thought best when the resident writes on instead of answering', async () => {
    await t.say({ from: '孙婶', text: '@村小助 西头路灯坏了，麻烦派人修一下', mentioned: true });
    await t.say({ from: '孙婶', text: '@村小助 想开个居住证明，去哪里开', mentioned: true });
    t.take();
    await t.say({ room: null, from: '孙婶', text: '那我需要带什么材料去？' });
    const asked = numberIn(t.take()[0]?.text);
    await t.say({ room: null, from: '孙婶', text: '我家的狗把邻居家鸡咬死了 他要我赔五百 合理吗' });
    const c = await t.spine.store.getByNumber(asked);
    expect(c?.messages.map((m) => m.text)).toContain('那我需要带什么材料去？');
    const all = await t.spine.store.list({ villages: ['xihe'], limit: 200 });
    expect(all.items.filter((x) => x.resident.name === '孙婶')).toHaveLength(3);
  });

  it('tells where a case stands without opening a new one', async () => {
    await t.say({ from: '周伯', text: '@村小助 后山的路灯不亮了', mentioned: true });
    const number = numberIn(t.take().at(-1)?.text);
    const before = await t.spine.store.count();
    const outcome = await t.say({ room: null, from: '周伯', text: '我报的路灯怎么样了' });
    expect(outcome).toMatchObject({ action: 'replied', kind: 'case_status' });
    expect(t.take()).toEqual([{ to: '周伯', text: expect.stringMatching(new RegExp(`${number}.*已派单.*前答复`)) }]);
    expect(await t.spine.store.count()).toBe(before);
  });
});
