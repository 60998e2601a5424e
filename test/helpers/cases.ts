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
