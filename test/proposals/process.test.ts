import { describe, expect, it } from 'vitest';
import { advance, type Proposal, ProposalError } from '../../src/proposals/process.js';

const base = { caseId: 'c1', village: 'xihe', actor: 'user:he', note: '记录' };

function through(stages: Array<'proposed' | 'discussed' | 'reviewed'>): Proposal | undefined {
  let p: Proposal | undefined;
  for (const stage of stages) p = advance(p, { ...base, stage }, new Date());
  return p;
}

describe('四议两公开', () => {
  it('goes one stage at a time, in order', () => {
    expect(() => advance(undefined, { ...base, stage: 'discussed' }, new Date())).toThrow(ProposalError);
    const p = through(['proposed', 'discussed']);
    expect(p?.stage).toBe('discussed');
    expect(() =>
      advance(p, { ...base, stage: 'resolved', votes: { for: 9, against: 1, abstain: 0 } }, new Date()),
    ).toThrow(/next stage is reviewed/);
  });

  it('the vote needs counts, and passes with more than half of the votes cast', () => {
    const reviewed = through(['proposed', 'discussed', 'reviewed']);
    expect(() => advance(reviewed, { ...base, stage: 'resolved' }, new Date())).toThrow(/needs the counts/);
    expect(
      advance(reviewed, { ...base, stage: 'resolved', votes: { for: 11, against: 5, abstain: 5 } }, new Date()).adopted,
    ).toBe(true);
    expect(
      advance(reviewed, { ...base, stage: 'resolved', votes: { for: 10, against: 5, abstain: 5 } }, new Date()).adopted,
    ).toBe(false);
  });

  it('keeps every step with who and when', () => {
    const p = through(['proposed', 'discussed', 'reviewed']);
    expect(p?.steps.map((s) => s.stage)).toEqual(['proposed', 'discussed', 'reviewed']);
    expect(p?.steps[0]).toMatchObject({ actor: 'user:he', at: expect.any(String) });
  });
});
