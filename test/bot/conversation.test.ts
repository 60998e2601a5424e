import { describe, expect, it } from 'vitest';
import type { CaseLite } from '../../src/bot/plan-followup.js';
import { answerToAsk, chooseCase } from '../../src/bot/plan-followup.js';
import { caseAsked } from '../../src/bot/plan-status.js';
import { understand } from '../../src/nlu/index.js';
import { planning, policy, ROOM } from '../helpers/plan.js';

// A resident's conversation with the bot over several days, decided without Redis: which case a private message
// belongs to, where a case stands, and sensitive matters kept out of the group.
const MORNING = new Date('2026-12-01T02:30:00Z');
const DAY = 24 * 3600_000;
const du = { name: '杜建军', role: '村委委员、治保调解主任', kind: 'committee' as const };

const lamp: CaseLite = {
  id: 'XH-20261201-002',
  number: 'XH-1201-002',
  intent: 'service_request',
  topics: ['水电路灯'],
  status: 'assigned',
  owner: du,
  urgent: false,
  text: '村口路灯坏了好几天了',
  receivedAt: new Date(MORNING.getTime() - DAY).toISOString(),
  updatedAt: new Date(MORNING.getTime() - DAY).toISOString(),
  dueAt: new Date(MORNING.getTime() + DAY).toISOString(),
  channel: 'group',
  room: ROOM,
};
const wages: CaseLite = {
  ...lamp,
  id: 'XH-20261201-003',
  number: 'XH-1201-003',
  intent: 'legal_question',
  topics: ['拖欠工资'],
  text: '包工头欠我工资不给',
  owner: { name: '郑国栋', role: '法律顾问', kind: 'advisor' },
  receivedAt: new Date(MORNING.getTime() - 2 * 3600_000).toISOString(),
  updatedAt: new Date(MORNING.getTime() - 2 * 3600_000).toISOString(),
};
const certificate: CaseLite = {
  ...lamp,
  id: 'XH-20261201-004',
  number: 'XH-1201-004',
  topics: ['户籍证明'],
  text: '想开个居住证明',
  receivedAt: new Date(MORNING.getTime() - 3 * 3600_000).toISOString(),
  updatedAt: new Date(MORNING.getTime() - 3 * 3600_000).toISOString(),
};

const { decide } = planning({ room: null, at: MORNING });
const heard = (text: string) => understand(text, { mentioned: true });

describe('a follow-up in the group joins the writer’s case instead of opening a second one', () => {
  it('answers in the group for a street light', () => {
    const p = decide({ room: ROOM, mentioned: true, text: '@村小助 路灯还是没人来修' }, { cases: [wages, lamp] });
    expect(p).toMatchObject({ action: 'join', case: { number: 'XH-1201-002' } });
    if (p.action !== 'join') return;
    expect(p.replies).toEqual([expect.objectContaining({ to: { kind: 'room', topic: ROOM, mention: '王大伯' } })]);
  });

  it('answers privately for a personal case, the group hearing only 已私信您', () => {
    const owed = { ...wages, topics: ['欠薪'] };
    const p = decide(
      { room: ROOM, mentioned: true, text: '@村小助 包工头欠我工资的事还是没解决' },
      { cases: [owed, lamp] },
    );
    expect(p).toMatchObject({ action: 'join', case: { number: 'XH-1201-003' } });
    if (p.action !== 'join') return;
    expect(p.replies.map((r) => [r.to.kind, r.text.slice(0, 6)])).toEqual([
      ['room', '已私信您，请'],
      ['contact', '已补充到您的'],
    ]);
  });

  it('leaves everyday talk with 还是 or 还没 alone, even from someone with a case', () => {
    const closed = { ...lamp, status: 'closed' as const, resolvedAt: lamp.updatedAt };
    expect(decide({ room: ROOM, text: '还是你说得对' }, { cases: [closed] })).toMatchObject({ action: 'silent' });
    expect(decide({ room: ROOM, text: '我家娃还没放学' }, { cases: [closed] })).not.toMatchObject({ action: 'join' });
  });

  it('joins at night too, answering privately: the group hears nothing', () => {
    const night = new Date('2026-12-01T15:30:00Z');
    const recent = { ...lamp, receivedAt: new Date(night.getTime() - 3600_000).toISOString() };
    const p = decide(
      { room: ROOM, mentioned: true, at: night, text: '@村小助 路灯还是没人来修' },
      { cases: [{ ...recent, updatedAt: recent.receivedAt }], policy: { ...policy, quiet: { start: 22, end: 7 } } },
    );
    expect(p).toMatchObject({ action: 'join', case: { number: 'XH-1201-002' } });
    if (p.action !== 'join') return;
    expect(p.replies.map((r) => r.to.kind)).toEqual(['contact']);
  });

  it('leaves a new matter in the group to its own case', () => {
    const p = decide({ room: ROOM, mentioned: true, text: '@村小助 村西头的桥栏杆断了' }, { cases: [lamp] });
    expect(p).toMatchObject({ action: 'open' });
  });
});

describe('a 回访 answer', () => {
  const asked = { id: lamp.id, number: lamp.number };
  it('is not read into group talk that is not meant for the bot', () => {
    expect(decide({ room: ROOM, text: '今天又不下雨' }, { surveyCase: asked })).not.toMatchObject({ action: 'survey' });
    expect(decide({ room: ROOM, text: '满意' }, { surveyCase: asked })).toMatchObject({ answer: '满意' });
  });

  it('hears "还是不亮" as 不满意 when the bot is called or told privately', () => {
    for (const over of [{ room: ROOM, mentioned: true, text: '@村小助 还是不亮' }, { text: '还是不亮' }])
      expect(decide(over, { surveyCase: asked })).toMatchObject({ action: 'survey', answer: '不满意' });
  });
});

describe('a private follow-up joins the case it is about', () => {
  it('asks, rather than joins, when "还没" is said of another topic than the one case in sight', () => {
    expect(chooseCase(heard('我家低保还没批下来'), [lamp], MORNING)).toMatchObject({ kind: 'ask', case: lamp });
  });

  it('joins the case on the same topic, not the newest', () => {
    const choice = chooseCase(heard('路灯还是不亮，晚上黑乎乎的'), [wages, lamp], MORNING);
    expect(choice).toMatchObject({ kind: 'join', case: { number: 'XH-1201-002' }, reopen: false });
  });

  it('tells two cases of one topic apart by their own words (a water pipe, a street light)', () => {
    const pipe: CaseLite = { ...lamp, id: 'XH-20261201-005', number: 'XH-1201-005', text: '六组的自来水管爆了' };
    expect(chooseCase(heard('水管那个还是没弄好'), [lamp, pipe], MORNING)).toMatchObject({
      kind: 'join',
      case: { number: 'XH-1201-005' },
    });
    expect(caseAsked(heard('水管子那个咋还没人来'), [lamp, pipe])?.number).toBe('XH-1201-005');
    expect(caseAsked(heard('路灯咋还没人来'), [pipe, lamp])?.number).toBe('XH-1201-002');
  });

  it('joins the case whose number the resident writes', () => {
    expect(chooseCase(heard('XH-1201-003 老板姓黄'), [lamp, wages], MORNING)).toMatchObject({
      kind: 'join',
      case: { number: 'XH-1201-003' },
    });
  });

  it('asks in one short line when two cases fit, and takes 1 or 2 as the answer', () => {
    const p = decide({ text: '那我需要带什么材料去？' }, { cases: [lamp, certificate] });
    expect(p.action).toBe('ask');
    if (p.action !== 'ask') return;
    expect(p.replies).toEqual([
      expect.objectContaining({
        to: { kind: 'contact', name: '王大伯' },
        text: expect.stringMatching(/^是补充 XH-1201-00\d（.+）吗？回复1；新的事回复2$/),
      }),
    ]);
    expect([answerToAsk('1'), answerToAsk('２'), answerToAsk('好的呀')]).toEqual(['join', 'new', null]);
  });

  it('opens a new case for a new matter on another topic', () => {
    expect(chooseCase(heard('我家宅基地被邻居占了一块'), [lamp], MORNING)).toEqual({ kind: 'new' });
    // "还有个事" announces another matter: the lamp case does not swallow it.
    expect(chooseCase(heard('还有个事 俺家低保今年咋没批下来'), [lamp], MORNING)).toEqual({ kind: 'new' });
  });

  it('reopens a case closed yesterday when the resident says it is not fixed, to its owner', () => {
    const closed = { ...lamp, status: 'closed' as const, resolvedAt: new Date(MORNING.getTime() - DAY).toISOString() };
    const p = decide({ text: '还是不亮，没修好' }, { cases: [closed] });
    expect(p).toMatchObject({ action: 'join', case: { number: 'XH-1201-002' } });
    if (p.action !== 'join') return;
    expect(p.replies[0]?.text).toMatch(/XH-1201-002.*重新交给.*杜建军/);
  });

  it('joins an answered question when the resident asks on ("那我需要带什么材料去？")', () => {
    const answered = { ...certificate, status: 'answered' as const };
    expect(chooseCase(heard('那我需要带什么材料去？'), [answered], MORNING)).toMatchObject({
      kind: 'join',
      reopen: true,
    });
  });

  it('lets a thank-you reopen nothing, and a case closed long ago take no follow-up', () => {
    const closed = { ...lamp, status: 'closed' as const, resolvedAt: new Date(MORNING.getTime() - DAY).toISOString() };
    expect(chooseCase(heard('好的谢谢'), [closed], MORNING)).toEqual({ kind: 'new' });
    const old = { ...closed, resolvedAt: new Date(MORNING.getTime() - 10 * DAY).toISOString() };
    expect(chooseCase(heard('还是不亮，没修好'), [old], MORNING)).toEqual({ kind: 'new' });
  });
});

describe('an urgent private follow-up', () => {
  it('is never merged silently: the case turns urgent, the duty member is alerted and the resident gets 110', () => {
    const dispute = {
      ...wages,
      intent: 'dispute_report' as const,
      topics: ['邻里', '土地'],
      text: '邻居为地界跟我吵了好几回',
    };
    const p = decide({ text: '邻居拿着刀冲到我家门口了 快来人' }, { cases: [dispute] });
    expect(p).toMatchObject({ action: 'join', urgent: true, case: { number: 'XH-1201-003' } });
    if (p.action !== 'join') return;
    expect(p.replies.map((r) => r.to)).toEqual([
      { kind: 'contact', name: '王大伯' },
      { kind: 'contact', name: '杜建军' },
    ]);
    expect(p.replies[0]?.text).toContain('110');
    expect(p.replies[1]?.text).toContain('XH-1201-003');
  });
});

describe('where a case stands', () => {
  it('tells the status, owner and due time of the case on the topic asked, without a new case', () => {
    const p = decide({ text: '我报的路灯怎么样了' }, { cases: [wages, lamp] });
    expect(p).toMatchObject({ action: 'reply', kind: 'case_status' });
    if (p.action !== 'reply') return;
    expect(p.replies[0]?.text).toMatch(/XH-1201-002.*已派单.*杜建军.*前答复/);
  });

  it('answers a personal case asked about in the group privately, and the group hears only 已私信您', () => {
    const p = decide({ room: ROOM, mentioned: true, text: '@村小助 XH-1201-003 到哪一步了' }, { cases: [lamp, wages] });
    if (p.action !== 'reply') throw new Error(JSON.stringify(p));
    expect(p.replies).toEqual([
      expect.objectContaining({
        to: { kind: 'room', topic: ROOM, mention: '王大伯' },
        text: '已私信您，请查看私聊消息。',
      }),
      expect.objectContaining({ to: { kind: 'contact', name: '王大伯' }, text: expect.stringContaining('郑国栋') }),
    ]);
  });

  it('says a case is late when its time has passed, and hears "到哪了" and "有人来没有" as status questions', () => {
    const late = { ...lamp, dueAt: new Date(MORNING.getTime() - 3600_000).toISOString() };
    for (const text of ['路灯那个事到哪了', '路灯到底有人来没有']) {
      const p = decide({ text }, { cases: [late] });
      if (p.action !== 'reply') throw new Error(`${text}: ${JSON.stringify(p)}`);
      expect(p.replies[0]?.text).toContain('已超过答复时限');
    }
  });

  it('reads a case number typed back in lower case or with spaces', () => {
    for (const text of ['xh-1201-002到哪了', 'xh 1201 002 到哪一步了', 'XH1201002怎么样了']) {
      const p = decide({ text }, { cases: [wages, lamp] });
      if (p.action !== 'reply') throw new Error(`${text}: ${JSON.stringify(p)}`);
      expect(p.replies[0]?.text, text).toContain('XH-1201-002（村口路灯坏了');
    }
  });

  it('finds no case of someone else by number', () => {
    const p = decide({ text: 'XH-1201-009 到哪一步了？' }, { cases: [lamp] });
    if (p.action !== 'reply') throw new Error(JSON.stringify(p));
    expect(p.replies[0]?.text).toContain('没有查到');
  });

  it('says 没有查到 to someone with no case at all who asks about a number in the group', () => {
    const p = decide({ room: ROOM, mentioned: true, text: '@村小助 XH-1201-002到哪一步了' });
    if (p.action !== 'reply') throw new Error(JSON.stringify(p));
    expect(p.replies.map((r) => r.text).join('')).toContain('没有查到');
  });
});

describe('sensitive matters', () => {
  it('counts harm done by another as a dispute and self-harm alone as an emergency service, whatever the words', () => {
    const intentOf = (text: string) => (decide({ room: null, from: '李桂芬', text }) as { intent?: string }).intent;
    expect(intentOf('俺家那口子喝了酒又动手打俺 脸都打肿了')).toBe('dispute_report');
    expect(intentOf('隔壁家那个小孩天天被他后妈打 身上青一块紫一块的')).toBe('dispute_report');
    expect(intentOf('最近老是睡不着 活着真没意思 药都攒好了')).toBe('service_request');
  });

  for (const text of ['@村小助 我被家暴了', '@村小助 我不想活了', '@村小助 我老公在打我 救命']) {
    it(`keeps "${text}" out of the group: only 已私信您 there, hotlines privately, the duty member alerted`, () => {
      const p = decide({ room: ROOM, mentioned: true, from: '李桂芬', text });
      expect(p).toMatchObject({ action: 'open', urgent: true, sensitive: true, route: { slaKind: 'urgent' } });
      if (p.action !== 'open') return;
      const [group, dm, alert, ...rest] = p.replies('XH-1201-005');
      expect(rest).toEqual([]);
      expect(group).toMatchObject({ to: { kind: 'room', topic: ROOM }, text: '已私信您，请查看私聊消息。' });
      expect(dm?.to).toEqual({ kind: 'contact', name: '李桂芬' });
      expect(dm?.text).toMatch(/110/);
      expect(dm?.text).toMatch(/12338|12356/);
      expect(alert?.to).toEqual({ kind: 'contact', name: '杜建军' });
    });
  }

  it('gives a beaten wife who wants to die both the DV line and the self-harm lines', () => {
    const text = '俺家那口子喝了酒又动手打俺 脸都打肿了 俺真不想活了';
    const p = decide({ room: ROOM, from: '陈玉兰', text });
    if (p.action !== 'open') throw new Error(JSON.stringify(p));
    const [group, dm, alert] = p.replies('XH-1201-001');
    expect(group?.text).toBe('已私信您，请查看私聊消息。');
    expect(dm?.text).toMatch(/12356（心理援助热线）.*12338（妇女维权公益服务热线）/);
    expect(alert?.to).toEqual({ kind: 'contact', name: '杜建军' });
  });

  it('opens an urgent case for self-harm said without the words 想死 or 自杀', () => {
    const p = decide({ from: '黄丽娟', text: '最近老是睡不着 活着真没意思 药都攒好了' });
    expect(p).toMatchObject({ action: 'open', urgent: true, sensitive: true });
  });

  it('is private and urgent at night too, hotlines included', () => {
    const p = decide({ text: '我老公喝了酒就打我，我不知道怎么办', at: new Date('2026-12-01T15:30:00Z') });
    if (p.action !== 'open') throw new Error(JSON.stringify(p));
    expect(p.urgent).toBe(true);
    expect(p.replies('XH-1201-006').map((r) => r.to.kind)).toEqual(['contact', 'contact']);
  });
});

describe('answers from the village texts', () => {
  it('quotes the 办事指南 item in the first reply to a service question, and still opens the case', () => {
    const p = decide({ room: ROOM, mentioned: true, text: '@村小助 申请低保要带什么材料' });
    if (p.action !== 'open') throw new Error(JSON.stringify(p));
    const [reply] = p.replies('XH-1201-007');
    expect(reply?.text).toMatch(/办事指南·低保/);
    expect(reply?.text).toMatch(/材料/);
    expect(reply?.text).toContain('XH-1201-007');
  });
});
