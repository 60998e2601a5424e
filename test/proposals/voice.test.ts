import { describe, expect, it } from 'vitest';
import { namedProposal, parseVoice } from '../../src/proposals/voice.js';

describe('parseVoice reads a resident answer', () => {
  it.each([
    ['支持！', 'support'],
    ['+1 我赞成修路', 'support'],
    ['同意', 'support'],
    ['@村小助 我反对修路', 'oppose'],
    ['不同意，太占地', 'oppose'],
    ['不支持', 'oppose'],
    ['我弃权', 'abstain'],
  ])('%s → %s', (text, choice) => {
    expect(parseVoice(text)?.choice).toBe(choice);
  });

  it('keeps a reason and leaves a proposal name out of it', () => {
    expect(parseVoice('支持，路修好了孩子上学方便')?.reason).toBe('路修好了孩子上学方便');
    expect(parseVoice('+1 我赞成修路')?.reason).toBeUndefined();
  });

  it('takes the case number a resident names', () => {
    expect(parseVoice('我支持XH-1201-056号建议')).toMatchObject({ choice: 'support', number: 'XH-1201-056' });
  });

  it('does not read a story with 反对 deep inside as an answer', () => {
    expect(parseVoice('隔壁老张家盖房子，他儿子一直反对我们修围墙')).toBeNull();
    expect(parseVoice('今天几点开会')).toBeNull();
  });
});

describe('namedProposal', () => {
  const open = [
    { number: 'XH-1', words: '四组到村部道路硬化' },
    { number: 'XH-2', words: '村口安装路灯' },
  ];
  it('finds the proposal the words name, and none on a tie or no overlap', () => {
    expect(namedProposal('道路那个', open)?.number).toBe('XH-1');
    expect(namedProposal('路灯', open)?.number).toBe('XH-2');
    expect(namedProposal('养猪场', open)).toBeUndefined();
  });
});
