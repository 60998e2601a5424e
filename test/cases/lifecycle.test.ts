import { describe, expect, it } from 'vitest';
import * as act from '../../src/cases/actions.js';
import { buildCase, CaseInputSchema, mergeInto } from '../../src/cases/build.js';
import { isOpen, nextStatuses, refusal, TransitionError } from '../../src/cases/lifecycle.js';
import { CASE_STATUSES, type Case, type CaseStatus } from '../../src/cases/schema.js';
import { applySlaStep } from '../../src/cases/sla.js';
import { ConflictError } from '../../src/config/errors.js';
import { caseInput } from '../helpers/cases.js';

// The case lifecycle as pure functions: no Redis. The store and the service that apply them are proven in
// store.test.ts and service.test.ts.
const T0 = new Date('2026-11-24T02:00:00Z');
const by = (minutes: number) => ({ actor: 'user:he', at: new Date(T0.getTime() + minutes * 60_000) });

const fresh = (over: Parameters<typeof caseInput>[0] = {}): Case =>
  buildCase(
    CaseInputSchema.parse(caseInput({ receivedAt: T0.toISOString(), ...over })),
    {
      id: 'XH-20261124-001',
      number: 'XH-1124-001',
    },
    T0,
  );

const inStatus = (status: CaseStatus): Case => ({ ...fresh(), status });

/** The Chinese reason a refused action gives the person who asked. */
function refusedWith(action: () => unknown): string {
  try {
    action();
  } catch (err) {
    if (err instanceof ConflictError) return err.chinese;
    throw err;
  }
  throw new Error('the action was not refused');
}

describe('building a case', () => {
  it('is assigned at once when routing found an owner, and new when it did not', () => {
    expect(fresh()).toMatchObject({ status: 'assigned', number: 'XH-1124-001', predictedIntent: 'service_request' });
    expect(fresh().events.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(fresh({ owner: null }).status).toBe('new');
  });

  it('writes what the bot answered on the timeline', () => {
    expect(fresh({ botReplies: ['已受理'] }).events.at(-1)).toMatchObject({ type: 'bot_reply', text: '已受理' });
  });

  it('joins a follow-up once; an urgent one makes the case urgent on a new clock, written on the timeline', () => {
    const c = fresh();
    const due = '2026-11-24T04:00:00.000Z';
    const input = CaseInputSchema.parse(
      caseInput({ messageId: 'follow-1', text: '着火了', urgent: true, slaKind: 'urgent', dueAt: due }),
    );
    const merged = mergeInto(c, input);
    expect(merged?.messages.map((m) => m.text)).toEqual([c.text, '着火了']);
    expect(merged).toMatchObject({ urgent: true, slaKind: 'urgent', dueAt: due, restarted: true });
    expect(merged?.events.slice(-2)).toMatchObject([
      { type: 'merged', text: '着火了' },
      { type: 'note', text: expect.stringContaining('已升为紧急') },
    ]);
    expect(merged && mergeInto(merged, input)).toBeNull();
  });

  it('reopens a closed case to its owner when the resident says it is not fixed, with a clock as long as before', () => {
    const closed = { ...fresh(), status: 'closed' as const, resolvedAt: '2026-11-25T02:00:00.000Z' };
    const at = '2026-11-26T02:00:00.000Z';
    const input = CaseInputSchema.parse(caseInput({ messageId: 'follow-2', text: '还是不亮，没修好', receivedAt: at }));
    const merged = mergeInto(closed, input);
    const window = Date.parse(closed.dueAt) - Date.parse(closed.receivedAt);
    expect(merged).toMatchObject({ status: 'reopened', resolvedAt: null, owner: closed.owner, restarted: true });
    expect(Date.parse(merged?.dueAt ?? '')).toBe(Date.parse(at) + window);
    expect(merged?.events.find((e) => e.type === 'status')).toMatchObject({ data: { from: 'closed', to: 'reopened' } });
  });
});

describe('the statuses a case may go through', () => {
  it('never goes back to new, from any status', () => {
    for (const from of CASE_STATUSES) {
      if (from !== 'new') expect(refusal(from, 'new')).toContain('不能改回“新建”');
    }
  });

  it('is reopened before anything else happens to a closed case', () => {
    for (const to of CASE_STATUSES) {
      if (to !== 'reopened' && to !== 'new') expect(refusal('closed', to)).toContain('请先重新打开');
    }
    expect(refusal('closed', 'reopened')).toBeNull();
    const closed = inStatus('closed');
    expect(() => act.answer(closed, '补一句', by(1))).toThrow(TransitionError);
    expect(() => act.note(closed, '备注', by(1))).toThrow(/closed/);
    expect(() => act.escalate(closed, '上报', by(1))).toThrow(ConflictError);
    expect(() => act.correctIntent(closed, 'proposal', by(1))).toThrow(TransitionError);
  });

  it('offers a closed case only reopening, and never offers new', () => {
    expect(nextStatuses('closed')).toEqual(['reopened']);
    for (const from of CASE_STATUSES) expect(nextStatuses(from)).not.toContain('new');
  });

  it('reopens only closed cases', () => {
    for (const from of CASE_STATUSES) {
      if (from !== 'closed') expect(refusal(from, 'reopened')).not.toBeNull();
    }
  });

  it('lets the SLA clock run in new, assigned, reopened and escalated cases only', () => {
    expect(CASE_STATUSES.filter((s) => isOpen({ status: s }))).toEqual(['new', 'assigned', 'reopened', 'escalated']);
  });
});

describe('what each staff action does', () => {
  it('an answer marks the case answered and keeps the first response time', () => {
    const once = act.answer(fresh(), '明天来修', by(30));
    expect(once).toMatchObject({ status: 'answered', firstResponseAt: by(30).at.toISOString() });
    const twice = act.answer(once, '已修好', by(90));
    expect(twice.firstResponseAt).toBe(by(30).at.toISOString());
    expect(twice.events.filter((e) => e.type === 'reply').map((e) => e.text)).toEqual(['明天来修', '已修好']);
  });

  it('a note leaves the status and the response time alone', () => {
    expect(act.note(fresh(), '先打电话', by(5))).toMatchObject({ status: 'assigned', firstResponseAt: null });
  });

  it('closing sets the resolution time and reopening clears it, each on the timeline', () => {
    const closed = act.close(fresh(), '已修好', by(60));
    expect(closed.resolvedAt).toBe(by(60).at.toISOString());
    const reopened = act.reopen(closed, '又坏了', by(120));
    expect(reopened).toMatchObject({ status: 'reopened', resolvedAt: null });
    expect(reopened.events.filter((e) => e.type === 'status').map((e) => e.data)).toEqual([
      { from: 'assigned', to: 'closed' },
      { from: 'closed', to: 'reopened' },
    ]);
  });

  it('assigning gives a case nobody had an owner and makes it assigned', () => {
    const owner = { name: '林晓岚', role: '法律顾问', kind: 'advisor' as const };
    expect(act.assign(fresh({ owner: null }), owner, by(1))).toMatchObject({ status: 'assigned', owner });
    expect(act.assign(inStatus('answered'), owner, by(1))?.status).toBe('answered');
  });

  it('handing a case to the person who holds it is not a change', () => {
    const owner = { name: '林晓岚', role: '法律顾问', kind: 'advisor' as const };
    const held = act.assign(fresh({ owner: null }), owner, by(1))!;
    expect(act.assign(held, owner, by(2))).toBeNull();
  });

  it('escalating twice is refused: the township already has it', () => {
    const up = act.escalate(fresh(), '请镇里协调', by(1));
    expect(up.status).toBe('escalated');
    expect(refusedWith(() => act.escalate(up, '再报一次', by(2)))).toContain('已经是“已上报乡镇”');
  });

  it('the status route only closes and reopens; the rest have their own actions', () => {
    expect(() => act.changeStatus(fresh(), 'answered', undefined, by(1))).toThrow(ConflictError);
    expect(refusedWith(() => act.changeStatus(fresh(), 'new', undefined, by(1)))).toContain('不能改回');
    expect(act.changeStatus(fresh(), 'closed', '办结', by(1)).status).toBe('closed');
  });

  it('correcting the intent remembers what the classifier said, and the same intent changes nothing', () => {
    const c = fresh({ intent: 'proposal' });
    expect(act.correctIntent(c, 'service_request', by(1))).toMatchObject({
      intent: 'service_request',
      predictedIntent: 'proposal',
    });
    expect(act.correctIntent(c, 'proposal', by(1))).toBeNull();
  });
});

describe('the SLA timers', () => {
  it('write reminder and overdue on a waiting case, and escalation moves it to the township', () => {
    const c = fresh();
    expect(applySlaStep(c, 'reminder', c.dueAt, by(10).at)?.events.at(-1)).toMatchObject({ type: 'reminder' });
    expect(applySlaStep(c, 'escalate', c.dueAt, by(10).at)?.status).toBe('escalated');
  });

  it('do nothing to an answered case, or for a deadline that has since changed', () => {
    const c = fresh();
    expect(applySlaStep(act.answer(c, '好', by(1)), 'overdue', c.dueAt, by(10).at)).toBeNull();
    expect(applySlaStep(c, 'overdue', '2026-01-01T00:00:00.000Z', by(10).at)).toBeNull();
  });
});
