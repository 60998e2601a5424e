import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/cases/actions.js';
import { CaseStore } from '../../src/cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { Outbox } from '../../src/queue/outbound.js';
import { loadVillages } from '../../src/villages/load.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('actions');
let redis: Redis;
let close: () => Promise<void>;
let outbox: Outbox;
let service: CaseService;

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  outbox = new Outbox(redis, prefix);
  service = new CaseService(
    new CaseStore(redis, prefix),
    outbox,
    loadVillages('villages'),
    Templates.load(DEFAULT_TEMPLATES_DIR),
  );
});
afterAll(async () => {
  await outbox.close();
  await close();
});

async function queued() {
  const jobs = await outbox.queue.getJobs(['waiting', 'prioritized']);
  await outbox.queue.drain();
  return jobs.map((j) => j.data);
}

describe('CaseService', () => {
  it('sends the answer to a legal question privately and marks the case answered', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'legal_question' }));
    const answered = await service.replyToCase(c.id, {
      text: '可以申请继承，带上户口本来村委会。',
      actor: 'user:lin',
      by: { name: '林晓岚' },
    });
    expect(answered.status).toBe('answered');
    expect(answered.firstResponseAt).not.toBeNull();
    expect(answered.events.at(-1)).toMatchObject({ type: 'reply', actor: 'user:lin' });
    const [sent] = await queued();
    expect(sent?.to).toEqual({ kind: 'contact', name: '王大伯' });
    expect(sent?.text).toContain(c.number);
    expect(sent?.text).toContain('可以申请继承');
  });

  it('answers a service request in the group with @name', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'service_request' }));
    await service.replyToCase(c.id, { text: '明天上午电工来修。', actor: 'user:cheng', by: { name: '程小燕' } });
    const [sent] = await queued();
    expect(sent?.to).toEqual({ kind: 'room', topic: '西河村村民群', mention: '王大伯' });
  });

  it('signs the answer with the person who replied, not the owner of the case', async () => {
    // The case belongs to the clerk 程小燕; the party secretary answers it, then a helper outside the village list.
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'legal_question' }));
    await service.replyToCase(c.id, { text: '下午来村委会。', actor: 'user:he', by: { name: '贺长青' } });
    await service.replyToCase(c.id, {
      text: '材料带齐。',
      actor: 'user:lin',
      by: { name: '林律师', role: '法律顾问' },
    });
    const texts = (await queued()).map((m) => m.text);
    expect(texts.find((t) => t.includes('下午来村委会'))).toContain('——村党支部书记、村委会主任贺长青');
    expect(texts.find((t) => t.includes('材料带齐'))).toContain('——法律顾问林律师');
    expect(texts.join()).not.toContain('程小燕');
  });

  it('keeps an internal note off WeChat and leaves the status alone', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const noted = await service.replyToCase(c.id, {
      text: '已电话联系，下午去看',
      internal: true,
      actor: 'user:cheng',
      by: { name: '程小燕' },
    });
    expect(noted.status).toBe('assigned');
    expect(noted.events.at(-1)).toMatchObject({ type: 'note', text: '已电话联系，下午去看' });
    expect(await queued()).toEqual([]);
  });

  it('closes with a resolution time and reopens without one', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const closed = await service.setStatus(c.id, 'closed', 'user:he', '已修好');
    expect(closed.resolvedAt).not.toBeNull();
    expect((await service.store.list({ status: 'closed' })).items.map((x) => x.id)).toContain(c.id);
    const reopened = await service.setStatus(c.id, 'reopened', 'user:he');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.events.filter((e) => e.type === 'status').map((e) => e.data?.to)).toEqual(['closed', 'reopened']);
  });

  it('corrects the intent but remembers what the classifier said', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'proposal' }));
    const fixed = await service.correctIntent(c.id, 'service_request', 'user:he');
    expect(fixed).toMatchObject({ intent: 'service_request', predictedIntent: 'proposal' });
    expect((await service.store.list({ intent: 'proposal' })).items.map((x) => x.id)).not.toContain(c.id);
  });

  it('reassigns and escalates with the actor on the timeline', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const owner = service.ownersOf('xihe').find((o) => o.kind === 'advisor');
    if (!owner) throw new Error('xihe has advisors');
    const moved = await service.reassign(c.id, owner, 'user:he');
    expect(moved.owner).toEqual(owner);
    const up = await service.escalate(c.id, { note: '涉及征地，请镇里协调', actor: 'user:he' });
    expect(up.status).toBe('escalated');
    expect(up.events.at(-1)).toMatchObject({ type: 'escalated', actor: 'user:he', text: '涉及征地，请镇里协调' });
  });
});
