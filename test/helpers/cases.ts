import type { Case } from '../../src/cases/schema.js';
import type { CaseInput } from '../../src/cases/store.js';

let n = 0;

/** A case input as the intake worker builds it; override what the test is about. */
export function caseInput(over: Partial<CaseInput> = {}): CaseInput {
  n += 1;
  const receivedAt = over.receivedAt ?? new Date().toISOString();
  const name = over.resident?.name ?? '王大伯';
  return {
    sourceKey: `xihe|msg-${n}-${Date.now()}`,
    messageId: `msg-${n}`,
    village: 'xihe',
    prefix: 'XH',
    room: '西河村村民群',
    channel: 'group',
    resident: { key: `xihe:${name}`, name },
    intent: 'service_request',
    confidence: 0.9,
    topics: [],
    urgent: false,
    text: '村口路灯坏了好几天了，晚上看不见路',
    receivedAt,
    context: [],
    owner: { name: '程小燕', role: '村报账员', phone: '13900002204', kind: 'committee' },
    slaKind: 'general',
    dueAt: new Date(Date.parse(receivedAt) + 7 * 24 * 3600_000).toISOString(),
    ...over,
  };
}

/** A stored case as the pages, stats and exports read it, for the pure functions that take one. */
export function storedCase(over: Partial<Case> & { receivedAt: string }): Case {
  return {
    id: over.receivedAt,
    number: 'XH-1',
    village: 'xihe',
    room: null,
    channel: 'group',
    resident: { key: 'k', name: 'n' },
    intent: 'legal_question',
    predictedIntent: 'legal_question',
    confidence: 1,
    topics: [],
    urgent: false,
    text: 't',
    messages: [],
    context: [],
    status: 'new',
    owner: null,
    slaKind: 'general',
    dueAt: over.receivedAt,
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: over.receivedAt,
    events: [],
    ...over,
  };
}
