import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/schema.js';
import { correctionLines } from '../../src/cli/commands/intents.js';

const base = {
  intent: 'legal_question',
  predictedIntent: 'legal_question',
  text: '邻居的牛吃了我家麦子',
  events: [] as Case['events'],
} as const;

describe('intents export-corrections', () => {
  it('writes each corrected case as a training line, and only those', () => {
    const corrected = {
      ...base,
      intent: 'dispute_report',
      events: [{ at: '2026-11-20T00:00:00Z', actor: 'user:lin', type: 'intent_corrected' }],
    } as unknown as Case;
    const untouched = base as unknown as Case;
    expect(correctionLines([corrected, untouched])).toEqual([
      '{"text":"邻居的牛吃了我家麦子","intent":"dispute_report","source":"correction"}',
    ]);
  });
});
