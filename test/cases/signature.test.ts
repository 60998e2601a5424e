import { describe, expect, it } from 'vitest';
import { signature } from '../../src/cases/signature.js';

describe('the signature under an answer', () => {
  it('has the title once, however the name was entered', () => {
    expect(signature({ name: '林晓岚', role: '法律顾问' })).toBe('法律顾问 林晓岚');
    expect(signature({ name: '法律顾问 林晓岚', role: '法律顾问' })).toBe('法律顾问 林晓岚');
    expect(signature({ name: '法律顾问林晓岚', role: '法律顾问' })).toBe('法律顾问 林晓岚');
  });

  it('keeps one title of several, the village committee one first', () => {
    expect(signature({ name: '贺长青', role: '村党支部书记、村委会主任' })).toBe('村委会主任 贺长青');
    expect(signature({ name: '村党支部书记、村委会主任 贺长青', role: '村党支部书记、村委会主任' })).toBe(
      '村委会主任 贺长青',
    );
    expect(signature({ name: '苏梅', role: '村委会副主任、妇联主席' })).toBe('村委会副主任 苏梅');
    expect(signature({ name: '刘会计', role: '村报账员、便民服务代办员' })).toBe('村报账员 刘会计');
  });

  it('is the bare name without a title', () => {
    expect(signature({ name: 'wang' })).toBe('wang');
  });
});
