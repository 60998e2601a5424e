import { describe, expect, it } from 'vitest';
import { type Actor, assertCanRead, refusalFor, villageActor } from '../../src/cases/access.js';
import { buildCase, CaseInputSchema } from '../../src/cases/build.js';
import type { Case } from '../../src/cases/schema.js';
import { NotFoundError } from '../../src/config/errors.js';
import { loadVillages } from '../../src/villages/load.js';
import { caseInput } from '../helpers/cases.js';

const at = new Date('2026-11-24T02:00:00Z');
const owned = (over: Parameters<typeof caseInput>[0] = {}): Case =>
  buildCase(CaseInputSchema.parse(caseInput(over)), { id: 'XH-20261124-001', number: 'XH-1124-001' }, at);
const actor = (role: Actor['role'], name = '某人'): Actor => ({ id: `user:${role}`, name, role, villages: ['xihe'] });

describe('who may act on a case (Contract 3)', () => {
  const legal = owned({ intent: 'legal_question', owner: { name: '林晓岚', role: '法律顾问', kind: 'advisor' } });
  const dispute = owned({ intent: 'dispute_report' });

  it('an advisor answers, notes and closes the cases it owns, and nothing else', () => {
    const lin = actor('advisor', '林晓岚');
    for (const a of ['answer', 'note', 'close'] as const) expect(refusalFor(lin, a, legal)).toBeNull();
    for (const a of ['assign', 'escalate', 'intent', 'proposal', 'reopen'] as const) {
      expect(refusalFor(lin, a, legal)).toContain('村两委');
    }
    expect(refusalFor(actor('advisor', '郑国栋'), 'answer', legal)).toContain('没有分派给您');
  });

  it('a mediator does the same for disputes', () => {
    expect(refusalFor(actor('mediator'), 'answer', dispute)).toBeNull();
    expect(refusalFor(actor('mediator'), 'answer', legal)).toContain('矛盾纠纷');
    expect(refusalFor(actor('mediator'), 'assign', dispute)).toContain('村两委');
  });

  it('the committee and admin do everything; the township acts once a case is escalated to it', () => {
    for (const a of ['answer', 'assign', 'escalate', 'intent', 'proposal', 'reopen'] as const) {
      expect(refusalFor(actor('committee'), a, legal)).toBeNull();
      expect(refusalFor(actor('admin'), a, legal)).toBeNull();
    }
    expect(refusalFor(actor('township'), 'answer', legal)).toContain('已上报');
    expect(refusalFor(actor('township'), 'answer', { ...legal, status: 'escalated' })).toBeNull();
  });

  it("another village's case reads as a missing one", () => {
    expect(() => assertCanRead({ ...actor('admin'), villages: ['nanshan'] }, legal, legal.id)).toThrow(NotFoundError);
    expect(() => assertCanRead(actor('advisor'), null, 'nothing')).toThrow(NotFoundError);
  });
});

describe('a simulate staff line', () => {
  const villages = loadVillages('villages').map((v) => v.village);

  it('acts as the person village.json names: an advisor as an advisor, a member as the committee', () => {
    expect(villageActor(villages, '林晓岚')).toMatchObject({ role: 'advisor', villages: ['xihe'] });
    expect(villageActor(villages, '贺长青')).toMatchObject({ role: 'committee', villages: ['xihe'] });
  });

  it('refuses a name on no list: only the village’s own people act on its cases', () => {
    expect(() => villageActor(villages, '路人')).toThrow(/路人 is no advisor, committee member or township contact/);
  });

  it('lets a person listed by two villages act in both', () => {
    const other = { ...villages[0]!, id: 'nanshan', name: '南山村' };
    expect(villageActor([...villages, other], '林晓岚')).toMatchObject({ villages: ['xihe', 'nanshan'] });
  });
});
