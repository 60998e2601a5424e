import { describe, expect, it } from 'vitest';
import { type CivicView, planCivic } from '../../src/bot/plan-vote.js';
import type { Understanding } from '../../src/nlu/types.js';

const u = { wouldReply: false } as Understanding;
const road = { caseId: 'c1', number: 'XH-1201-001', words: '四组到村部道路硬化 修路' };
const lamp = { caseId: 'c2', number: 'XH-1201-002', words: '村口安装路灯' };
const view = (open = [road], proposals = [road, lamp]): CivicView => ({ known: null, open, proposals });
const group = (text: string, mentioned = true) => ({ room: '西河村村民群', text, mentioned });
const privately = (text: string) => ({ room: null, text, mentioned: false });

describe('planCivic', () => {
  it('takes a voice from a private chat or an @-mention, never from a group message not addressed to the bot', () => {
    expect(planCivic(privately('支持'), u, view())).toMatchObject({ kind: 'vote', caseId: 'c1', via: '私聊' });
    expect(planCivic(group('@村小助 反对'), u, view())).toMatchObject({ kind: 'vote', choice: 'oppose' });
    expect(planCivic(group('支持', false), u, view())).toBeNull();
  });

  it('with several open, follows the number or the words, and asks which when neither says', () => {
    const both = view([road, lamp]);
    expect(planCivic(privately('我支持XH-1201-002号建议'), u, both)).toMatchObject({ kind: 'vote', caseId: 'c2' });
    expect(planCivic(privately('我反对修路'), u, both)).toMatchObject({ kind: 'vote', caseId: 'c1' });
    expect(planCivic(privately('同意'), u, both)).toMatchObject({ kind: 'which' });
  });

  it('answers "修路那个事到哪一步了" about the proposal it names, and reads a request to be bound', () => {
    expect(planCivic(group('@村小助 修路那个事到哪一步了'), u, view([]))).toMatchObject({
      kind: 'status',
      caseId: 'c1',
    });
    expect(planCivic(privately('我是四组的孙国平，想登记'), u, view([]))).toMatchObject({
      kind: 'bind_request',
      query: { name: '孙国平', group: '四组' },
    });
    expect(planCivic(privately('我家的低保什么时候批'), u, view([]))).toBeNull();
  });
});
