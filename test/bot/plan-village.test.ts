import { describe, expect, it } from 'vitest';
import { privateVillage, villageAnswer, villageQuestion } from '../../src/bot/plan-village.js';
import { type RoutedVillage, withRouting } from '../../src/cases/routing.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { loadVillages } from '../../src/villages/load.js';

// Which village a private message is about, decided without Redis: a private chat names none.
const [xihe] = withRouting(loadVillages('villages'));
const nanshan: RoutedVillage = {
  ...xihe!,
  village: { ...xihe!.village, id: 'nanshan', name: '南山村', rooms: ['南山村村民群'] },
  prefix: 'NS',
};
const villages = [xihe!, nanshan];
const none = { spokenIn: [], boundIn: [], chosen: null };
const templates = Templates.load(DEFAULT_TEMPLATES_DIR);
const idOf = (c: ReturnType<typeof privateVillage>) =>
  c.kind === 'village' ? c.village.village.id : c.kind === 'ask' ? c.among.map((v) => v.village.id) : c.kind;

describe('the village of a private message', () => {
  it('is the one group the name speaks in', () => {
    expect(idOf(privateVillage(villages, { ...none, spokenIn: ['nanshan'] }, '路灯还是不亮', false))).toBe('nanshan');
  });

  it('is asked when the name speaks in two villages’ groups, the one spoken in last offered first', () => {
    expect(idOf(privateVillage(villages, { ...none, spokenIn: ['nanshan', 'xihe'] }, '路灯还是不亮', false))).toEqual([
      'nanshan',
      'xihe',
    ]);
  });

  it('is the binding’s village, whichever groups the name speaks in', () => {
    const clues = { spokenIn: ['nanshan', 'xihe'], boundIn: ['xihe'], chosen: null };
    expect(idOf(privateVillage(villages, clues, '路灯还是不亮', false))).toBe('xihe');
  });

  it('is the village the resident named when asked before', () => {
    const clues = { spokenIn: ['nanshan', 'xihe'], boundIn: [], chosen: 'xihe' };
    expect(idOf(privateVillage(villages, clues, '路灯还是不亮', false))).toBe('xihe');
  });

  it('is the village of the case number the message quotes', () => {
    const clues = { ...none, spokenIn: ['xihe', 'nanshan'] };
    expect(idOf(privateVillage(villages, clues, 'NS-1201-003 到哪一步了', false))).toBe('nanshan');
  });

  it('is never asked for an urgent message from a name seen in groups: the group spoken in last takes it', () => {
    const clues = { ...none, spokenIn: ['nanshan', 'xihe'] };
    expect(idOf(privateVillage(villages, clues, '我家着火了', true))).toBe('nanshan');
  });

  it('is never asked for an urgent message from a name bound in two villages: the one spoken in last takes it', () => {
    const clues = { ...none, boundIn: ['xihe', 'nanshan'], spokenIn: ['nanshan', 'xihe'] };
    expect(idOf(privateVillage(villages, clues, '我家着火了', true))).toBe('nanshan');
    expect(idOf(privateVillage(villages, { ...none, boundIn: ['xihe', 'nanshan'] }, '我家着火了', true))).toBe('xihe');
  });

  it('is asked among all villages when the name was never seen, and not at all with one village', () => {
    expect(idOf(privateVillage(villages, none, '想问个事', false))).toEqual(['xihe', 'nanshan']);
    expect(idOf(privateVillage([xihe!], none, '想问个事', false))).toBe('xihe');
  });

  it('is not asked with a list too long to read: the resident is told where to write instead', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...nanshan, village: { ...nanshan.village, id: `v${i}` } }));
    expect(idOf(privateVillage(many, none, '想问个事', false))).toBe('none');
  });
});

describe('the answer to "哪个村的事？"', () => {
  it('is the number in the list, half- or full-width or in Chinese, or the village’s name with or without 村', () => {
    expect(villageAnswer('2', villages)?.village.id).toBe('nanshan');
    expect(villageAnswer('１', villages)?.village.id).toBe('xihe');
    expect(villageAnswer('二', villages)?.village.id).toBe('nanshan');
    expect(villageAnswer('第一个', villages)?.village.id).toBe('xihe');
    expect(villageAnswer('南山村的', villages)?.village.id).toBe('nanshan');
    expect(villageAnswer('西河', villages)?.village.id).toBe('xihe');
  });

  it('is the village of the longest name it holds, when one name holds another', () => {
    const dongshan = { ...xihe!, village: { ...xihe!.village, id: 'dongshan', name: '东山村' } };
    const dongshankou = { ...xihe!, village: { ...xihe!.village, id: 'dongshankou', name: '东山口村' } };
    expect(villageAnswer('东山口', [dongshan, dongshankou])?.village.id).toBe('dongshankou');
    expect(villageAnswer('东山村', [dongshan, dongshankou])?.village.id).toBe('dongshan');
  });

  it('is no answer when it names none, a number off the list, or is a long new message', () => {
    expect(villageAnswer('好的', villages)).toBeNull();
    expect(villageAnswer('3', villages)).toBeNull();
    expect(villageAnswer('西河村那边的桥是不是要修了我想问一下', villages)).toBeNull();
  });

  it('is asked with the villages numbered, and with the emergency numbers first when urgent', () => {
    expect(villageQuestion(templates, villages, false)).toContain('回复1 西河村；回复2 南山村');
    expect(villageQuestion(templates, villages, true)).toMatch(/^.*110.*回复1 西河村/);
  });
});
