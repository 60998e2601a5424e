import { describe, expect, it } from 'vitest';
import { type Incoming, intakeJob, type Plan, plan, screen, THROTTLE_NOTICE } from '../../src/bot/plan.js';
import { understand } from '../../src/nlu/index.js';
import type { OutboundInput } from '../../src/queue/outbound.js';
import { planning, policy, ROOM, templates, villages, xihe } from '../helpers/plan.js';

// The bot's decisions alone: no Redis, no WeChat. The shell around them is proven in flow.test.ts.
/** 10:30 in Beijing, a weekday morning. */
const MORNING = new Date('2026-11-24T02:30:00Z');
/** 23:30 in Beijing. */
const NIGHT = new Date('2026-11-24T15:30:00Z');
const { message, decide } = planning({ at: MORNING });

/** The replies of a plan that opens a case, under a case number. */
function opened(p: Plan, number = 'XH-1124-001'): { p: Extract<Plan, { action: 'open' }>; replies: OutboundInput[] } {
  if (p.action !== 'open') throw new Error(`expected a case, got ${JSON.stringify(p)}`);
  return { p, replies: p.replies(number) };
}

describe('what the bot does with a group message', () => {
  it('takes a legal question in with a neutral word in the group and the advisor in private', () => {
    const { p, replies } = opened(
      decide({ from: '李婶', text: '@村小助 我公公去世了，他的宅基地我们能继承吗？', mentioned: true }),
    );
    expect(p).toMatchObject({ intent: 'legal_question', urgent: false, route: { owner: { kind: 'advisor' } } });
    const [group, dm, ...rest] = replies;
    expect(rest).toEqual([]);
    expect(group?.to).toEqual({ kind: 'room', topic: ROOM, mention: '李婶' });
    expect(group?.text).toContain('XH-1124-001');
    // Personal matters never go back into the group.
    expect(group?.text).not.toMatch(/宅基地|公公|去世/);
    expect(dm?.to).toEqual({ kind: 'contact', name: '李婶' });
    expect(dm?.text).toContain(`${p.route.owner.name}，电话 ${p.route.owner.phone}`);
  });

  it('quotes and cites the article for a question about the village rules', () => {
    const { replies } = opened(decide({ text: '@村小助 村规民约对红白喜事办酒有什么规定？', mentioned: true }));
    expect(replies[0]?.text).toMatch(/《西河村村规民约》第.+条：/);
    expect(replies[0]?.text).toContain('法律规定优先于村规民约');
  });

  it('hands a dispute to the mediation chair privately', () => {
    const { replies } = opened(
      decide({
        from: '周大哥',
        text: '隔壁老吴家把排水沟堵了，水全流到我家院子里，说了几次都不听，请村里来调解一下',
        mentioned: true,
      }),
    );
    const [group, dm] = replies;
    expect(group?.text).not.toContain('排水');
    expect(dm?.to).toEqual({ kind: 'contact', name: '周大哥' });
    expect(dm?.text).toContain('杜建军');
  });

  it('accepts a repair request with its number, who answers and by when, due within 24 hours', () => {
    const { p, replies } = opened(decide({ text: '村口路灯坏了三天了，晚上黑漆漆的，能不能找人修一下' }));
    expect(p.intent).toBe('service_request');
    expect(replies[0]?.text).toMatch(/已受理，编号 XH-1124-001。由.+负责，11月25日 10:30前答复您/);
    expect(p.route.slaKind).toBe('utility');
    expect(p.due.getTime() - MORNING.getTime()).toBe(24 * 3600_000);
  });

  it('gives a proposal to the secretary', () => {
    const { p } = opened(decide({ text: '建议村里在文化广场装几个监控，再修个篮球场，大家议一议', mentioned: true }));
    expect(p).toMatchObject({ intent: 'proposal', route: { owner: { name: '贺长青' } } });
  });

  it('answers an emergency at once with 119 and alerts the member on duty privately', () => {
    const { p, replies } = opened(decide({ from: '赵军', text: '着火了！后山老刘家柴房着火了，快来人' }));
    expect(p).toMatchObject({ urgent: true, route: { slaKind: 'urgent' } });
    const [group, alert] = replies;
    expect(group?.to).toMatchObject({ kind: 'room', topic: ROOM });
    expect(group?.text).toContain('119');
    expect(alert?.to).toEqual({ kind: 'contact', name: '杜建军' });
    expect(alert?.text).toContain('柴房着火');
    expect(replies.every((r) => r.urgent)).toBe(true);
  });

  it('stays silent on chit-chat, saying why', () => {
    expect(decide({ text: '今天太阳真好，下午去钓鱼[呲牙]' })).toEqual({ action: 'silent', reason: 'not addressed' });
  });

  it('answers an emoji-only mention politely and opens no case', () => {
    expect(decide({ text: '@村小助 [微笑][微笑][玫瑰]', mentioned: true })).toMatchObject({
      action: 'reply',
      kind: 'help',
      cooldown: true,
    });
  });

  it('asks for words when a picture is meant for it, and ignores pictures otherwise', () => {
    expect(decide({ kind: 'nontext', mentioned: true })).toMatchObject({ action: 'reply', kind: 'nontext_hint' });
    expect(decide({ kind: 'nontext' })).toEqual({ action: 'ignore', reason: 'non-text' });
  });
});

describe('at night', () => {
  const night = { quiet: { start: 22, end: 7 } };
  const atNight = (over: Partial<Incoming>) => decide({ at: NIGHT, ...over }, { policy: { ...policy, ...night } });

  it('keeps the group quiet but still takes the case in, with the private hand-off', () => {
    const { replies } = opened(atNight({ text: '@村小助 我公公去世了，他的宅基地我们能继承吗？', mentioned: true }));
    expect(replies.map((r) => r.to.kind)).toEqual(['contact']);
    const { replies: repair } = opened(atNight({ text: '村口路灯坏了三天了，晚上黑漆漆的，能不能找人修一下' }));
    expect(repair).toEqual([]);
  });

  it('still answers an emergency in the group', () => {
    const { replies } = opened(atNight({ text: '着火了！后山老刘家柴房着火了，快来人' }));
    expect(replies.filter((r) => r.to.kind === 'room')).toHaveLength(1);
  });

  it('gives no help text in the group', () => {
    expect(atNight({ text: '@村小助 [微笑]', mentioned: true })).toEqual({ action: 'silent', reason: 'quiet hours' });
  });
});

describe('what the bot does with a private message', () => {
  it('joins a follow-up to the resident’s open case', () => {
    const open = {
      id: 'XH-20261124-003',
      number: 'XH-1124-003',
      intent: 'legal_question' as const,
      owner: null,
      topics: ['拖欠工资'],
      status: 'new' as const,
      urgent: false,
      text: '老板欠我工资不给',
      receivedAt: MORNING.toISOString(),
      updatedAt: MORNING.toISOString(),
    };
    const p = decide({ room: null, from: '陈嫂', text: '补充一下，老板姓黄，欠了一万二' }, { cases: [open] });
    expect(p).toMatchObject({ action: 'join', case: { number: 'XH-1124-003' } });
    if (p.action !== 'join') return;
    expect(p.replies).toEqual([
      expect.objectContaining({ to: { kind: 'contact', name: '陈嫂' }, text: expect.stringContaining('XH-1124-003') }),
    ]);
  });

  it('does not answer a thank-you, nor a committee member acknowledging an alert, with the help text', () => {
    expect(decide({ room: null, text: '好的谢谢' })).toEqual({ action: 'silent', reason: 'chit-chat' });
    expect(decide({ room: null, from: '杜建军', text: '收到，我马上过去看看情况怎么样了' })).toEqual({
      action: 'silent',
      reason: 'staff',
    });
  });

  it('quotes a rule in the private legal answer only when it clearly fits', () => {
    const text = (t: string) =>
      opened(decide({ text: t }))
        .replies.map((r) => r.text)
        .join('\n');
    expect(text('儿子分家以后不给我赡养费 我能告他吗')).toContain('第25条');
    expect(text('老板欠俺工钱三个月了 能去劳动仲裁不')).not.toContain('村规民约》第');
  });

  it('takes a legal question in privately only', () => {
    const { replies } = opened(decide({ room: null, text: '儿子不给我养老钱，我能告他吗？' }));
    expect(replies.map((r) => r.to)).toEqual([{ kind: 'contact', name: '王大伯' }]);
  });

  it('asks a resident it cannot place in a village where they live', () => {
    const p = plan({
      msg: message({ room: null, text: '你好' }),
      village: undefined,
      understanding: null,
      cases: [],
      policy,
      templates,
    });
    expect(p).toMatchObject({ action: 'reply', kind: 'unknown_village', cooldown: false });
  });
});

describe('the first look, before any Redis', () => {
  const look = (over: Partial<Incoming>, now = MORNING) => screen(message(over), villages, policy, now);

  it('ignores rooms of no village, backlog from before a reconnect, and other bots', () => {
    expect(look({ room: '外村麻将群', text: '@村小助 着火了' })).toEqual({ action: 'ignore', reason: 'unknown room' });
    expect(look({ text: '路灯坏了' }, new Date(MORNING.getTime() + 30 * 60_000))).toEqual({
      action: 'ignore',
      reason: 'backlog',
    });
    expect(look({ from: '村小助', text: '已受理' })).toEqual({ action: 'ignore', reason: 'bot' });
    expect(look({ text: '路灯坏了' })).toEqual({ village: xihe });
  });

  it('notices WeChat saying we send too fast', () => {
    expect(look({ room: null, kind: 'system', text: `${THROTTLE_NOTICE}，请稍后再试` })).toEqual({
      action: 'ignore',
      reason: 'system',
      throttled: true,
    });
  });
});

describe('the intake job', () => {
  it('keeps the beginning of a huge message, and says it was cut', () => {
    const msg = message({ text: '路灯坏了。'.repeat(4000) });
    const u = understand(msg.text);
    const job = intakeJob(msg, xihe, u, [], null, []);
    expect(job.text.length).toBeLessThan(10_100);
    expect(job.text.endsWith('（后文略）')).toBe(true);
    expect(job).toMatchObject({ sourceKey: `xihe|${ROOM}|m1`, resident: { key: 'xihe:王大伯', name: '王大伯' } });
  });
});
