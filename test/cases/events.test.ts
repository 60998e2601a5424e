import { describe, expect, it } from 'vitest';
import { changeOf } from '../../src/cases/events.js';
import type { Case } from '../../src/cases/schema.js';

const base = {
  id: 'c1',
  number: 'XH-1201-001',
  village: 'xihe',
  urgent: true,
  status: 'new',
  updatedAt: '2026-12-01T02:00:00.000Z',
  messages: [{ at: '', text: '着火了', messageId: 'm1', channel: 'group' }],
  events: [{ at: '', actor: 'bot', type: 'created' }],
} as unknown as Case;

describe('case changes for live pages', () => {
  it('names a new case, a follow-up, a reply and a status change', () => {
    expect(changeOf(null, base).kind).toBe('created');
    const followup = { ...base, messages: [...base.messages, { ...base.messages[0]!, messageId: 'm2' }] };
    expect(changeOf(base, followup).kind).toBe('followup');
    const replied = { ...base, status: 'answered', events: [...base.events, { at: '', actor: 'u', type: 'reply' }] };
    expect(changeOf(base, replied as Case).kind).toBe('reply');
    expect(changeOf(base, { ...base, status: 'closed' }).kind).toBe('status');
  });

  it('carries the village and urgency the stream filters and rings on', () => {
    expect(changeOf(null, base)).toMatchObject({ village: 'xihe', urgent: true, number: 'XH-1201-001' });
  });
});
