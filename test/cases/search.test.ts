import { describe, expect, it } from 'vitest';
import { caseGrams, queryGrams } from '../../src/cases/search.js';

const aCase = {
  number: 'XH-1201-007',
  resident: { key: 'xihe|王大爷', name: '王大爷' },
  text: '我家宅基地被邻居占了一米',
  messages: [{ at: '', text: '他还砌了围墙', messageId: 'm', channel: 'group' as const }],
};

const finds = (q: string) => queryGrams(q).every((g) => caseGrams(aCase).has(g));

describe('case search grams', () => {
  it('finds a case by words of its text, its follow-ups, the resident and the number', () => {
    expect(finds('宅基地')).toBe(true);
    expect(finds('围墙')).toBe(true);
    expect(finds('王大爷')).toBe(true);
    expect(finds('xh-1201-007')).toBe(true);
    expect(finds('王')).toBe(true);
  });

  it('needs every word of the query', () => {
    expect(finds('宅基地 围墙')).toBe(true);
    expect(finds('宅基地 低保')).toBe(false);
  });

  it('reads full-width letters and digits as plain ones', () => {
    expect(finds('ＸＨ－１２０１')).toBe(true);
  });

  it('finds nothing to require in a blank query', () => {
    expect(queryGrams('  ，。 ')).toEqual([]);
  });
});
