import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import { askSurvey, expireSurvey, readSurveyReply, recordSurvey } from '../../src/cases/survey.js';

describe('回访 answers', () => {
  it('reads the one-word answers residents give, with or without marks and @name', () => {
    expect(readSurveyReply('满意')?.answer).toBe('满意');
    expect(readSurveyReply('@村小助 很满意！')?.answer).toBe('满意');
    expect(readSurveyReply('基本满意吧')?.answer).toBe('基本满意');
    expect(readSurveyReply('基本满意。')?.answer).toBe('基本满意');
    expect(readSurveyReply('不满意')).toEqual({ answer: '不满意', complaint: true });
  });

  it('takes "还是没修好" and "问题没解决" after a close as not satisfied', () => {
    expect(readSurveyReply('还是不亮，没修好')).toEqual({ answer: '不满意', complaint: true });
    expect(readSurveyReply('问题根本没解决')?.answer).toBe('不满意');
  });

  it('reads the answer inside a comment, the longest word first: 不满意, then 基本满意, then 满意', () => {
    const answers = [
      '基本满意 就是来的有点晚',
      '挺满意的 谢谢村里',
      '满意满意',
      '还行吧',
      '一般般 谢谢',
      '不太满意 等太久了',
      '不是很满意',
      '非常满意！',
      '不算满意',
      '不够满意 拖了一个礼拜',
      '没那么满意',
      '不错 很满意',
    ].map((t) => readSurveyReply(t)?.answer);
    expect(answers).toEqual([
      '基本满意',
      '满意',
      '满意',
      '基本满意',
      '基本满意',
      '不满意',
      '不满意',
      '满意',
      '不满意',
      '不满意',
      '不满意',
      '满意',
    ]);
  });

  it('never takes thanks or an apology for 不满意, but still hears a real complaint through them', () => {
    expect(readSurveyReply('又麻烦你们了 不好意思 谢谢')).toBeNull();
    expect(readSurveyReply('辛苦了 谢谢你们啊')).toBeNull();
    for (const t of ['还是不亮', '那个水管又漏了', '没修好', '不满意', '又麻烦你们了 路灯还是不亮'])
      expect(readSurveyReply(t), t).toEqual({ answer: '不满意', complaint: true });
  });

  it('leaves ordinary talk alone', () => {
    expect(readSurveyReply('明天几点开会？')).toBeNull();
    expect(readSurveyReply('谢谢村里')).toBeNull();
    expect(readSurveyReply('一般几点来收垃圾')).toBeNull();
  });

  it('never turns silence into satisfaction: three days without an answer is 未评价, and stays so', () => {
    const asked = askSurvey(
      { events: [], resident: { name: '赵四' } } as unknown as Case,
      new Date('2026-12-01T02:00:00Z'),
    );
    const askedAt = asked.survey?.askedAt ?? '';
    const expired = expireSurvey(asked, askedAt, new Date('2026-12-04T02:00:00Z'));
    expect(expired?.survey).toEqual({ askedAt, expiredAt: '2026-12-04T02:00:00.000Z' });
    expect(expired && recordSurvey(expired, '满意', '满意', new Date('2026-12-04T03:00:00Z'))).toBeNull();
  });
});
