import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/cases/access.js';
import { CaseService } from '../../src/cases/service.js';
import { CaseStore } from '../../src/cases/store.js';
import { DEFAULT_TEMPLATES_DIR, Templates } from '../../src/cases/templates.js';
import { ForbiddenError } from '../../src/config/errors.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { Outbox } from '../../src/queue/outbound.js';
import { TimerStore } from '../../src/queue/timers.js';
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
  service = new CaseService({
    store: new CaseStore(redis, prefix),
    outbox,
    villages: loadVillages('villages'),
    templates: Templates.load(DEFAULT_TEMPLATES_DIR),
    proposals: new ProposalStore(redis, prefix),
    timers: new TimerStore(redis, prefix),
  });
});
afterAll(async () => {
  await outbox.close();
  await close();
});

const person = (id: string, name: string, role: Actor['role'], title?: string): Actor => ({
  id: `user:${id}`,
  name,
  role,
  villages: ['xihe'],
  title,
});
const lin = person('lin', '林晓岚', 'advisor');
const cheng = person('cheng', '程小燕', 'committee');
const he = person('he', '贺长青', 'committee');

async function queued() {
  const jobs = await outbox.queue.getJobs(['waiting', 'prioritized']);
  await outbox.queue.drain();
  return jobs.map((j) => j.data);
}

describe('CaseService', () => {
  it('sends the answer to a legal question privately and marks the case answered', async () => {
    const { case: c } = await service.store.createOrMerge(
      caseInput({ intent: 'legal_question', owner: { name: '林晓岚', role: '法律顾问', kind: 'advisor' } }),
    );
    const answered = await service.reply(lin, c.id, { text: '可以申请继承，带上户口本来村委会。' });
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
    await service.reply(cheng, c.id, { text: '明天上午电工来修。' });
    const [sent] = await queued();
    expect(sent?.to).toEqual({ kind: 'room', topic: '西河村村民群', mention: '王大伯' });
  });

  it('signs the answer with the person who replied, not the owner of the case', async () => {
    // The case belongs to the clerk 程小燕; the party secretary answers it, then a helper outside the village list.
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'legal_question' }));
    await service.reply(he, c.id, { text: '下午来村委会。' });
    await service.reply(person('helper', '林律师', 'committee', '法律顾问'), c.id, { text: '材料带齐。' });
    const texts = (await queued()).map((m) => m.text);
    expect(texts.find((t) => t.includes('下午来村委会'))).toContain('——村委会主任 贺长青');
    expect(texts.find((t) => t.includes('材料带齐'))).toContain('——法律顾问 林律师');
    expect(texts.join()).not.toContain('程小燕');
  });

  it('keeps an internal note off WeChat and leaves the status alone', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const noted = await service.reply(cheng, c.id, { text: '已电话联系，下午去看', internal: true });
    expect(noted.status).toBe('assigned');
    expect(noted.events.at(-1)).toMatchObject({ type: 'note', text: '已电话联系，下午去看' });
    expect(await queued()).toEqual([]);
  });

  it('closes with a resolution time and reopens without one', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const closed = await service.setStatus(he, c.id, 'closed', '已修好');
    expect(closed.resolvedAt).not.toBeNull();
    // 回访: the resident is asked how it went, in the group the request came from.
    expect(await queued()).toEqual([
      expect.objectContaining({
        to: { kind: 'room', topic: '西河村村民群', mention: '王大伯' },
        text: expect.stringContaining('满意 / 基本满意 / 不满意'),
      }),
    ]);
    expect((await service.store.list({ status: 'closed' })).items.map((x) => x.id)).toContain(c.id);
    const reopened = await service.setStatus(he, c.id, 'reopened');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.events.filter((e) => e.type === 'status').map((e) => e.data?.to)).toEqual(['closed', 'reopened']);
  });

  it('corrects the intent but remembers what the classifier said', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput({ intent: 'proposal' }));
    const fixed = await service.correctIntent(he, c.id, 'service_request');
    expect(fixed).toMatchObject({ intent: 'service_request', predictedIntent: 'proposal' });
    expect((await service.store.list({ intent: 'proposal' })).items.map((x) => x.id)).not.toContain(c.id);
  });

  it('reassigns and escalates with the actor on the timeline', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    const owner = service.ownersOf('xihe').find((o) => o.kind === 'advisor');
    if (!owner) throw new Error('xihe has advisors');
    const moved = await service.assign(he, c.id, owner);
    expect(moved.owner).toEqual(owner);
    const up = await service.escalate(he, c.id, '涉及征地，请镇里协调');
    expect(up.status).toBe('escalated');
    expect(up.events.at(-1)).toMatchObject({ type: 'escalated', actor: 'user:he', text: '涉及征地，请镇里协调' });
  });

  it('lets an advisor answer only the cases given to them, and leaves reassigning to the committee', async () => {
    const { case: theirs } = await service.store.createOrMerge(caseInput({ intent: 'legal_question' }));
    await expect(service.reply(lin, theirs.id, { text: '我来答' })).rejects.toThrow(ForbiddenError);
    await expect(service.reply(lin, theirs.id, { text: '我来答' })).rejects.toMatchObject({
      status: 403,
      chinese: expect.stringContaining('没有分派给您'),
    });
    await expect(service.assign(lin, theirs.id, { name: '林晓岚', kind: 'advisor' })).rejects.toMatchObject({
      status: 403,
    });
    const given = await service.assign(he, theirs.id, { name: '林晓岚', kind: 'advisor' });
    expect((await service.reply(lin, given.id, { text: '我来答' })).status).toBe('answered');
    expect(await queued()).toHaveLength(1);
  });

  it('refuses to answer a closed case until it is reopened, and writes nothing', async () => {
    const { case: c } = await service.store.createOrMerge(caseInput());
    await service.setStatus(he, c.id, 'closed', '已修好');
    await expect(service.reply(he, c.id, { text: '再说一句' })).rejects.toMatchObject({
      status: 409,
      chinese: expect.stringContaining('请先重新打开'),
    });
    expect((await service.store.get(c.id))?.events.map((e) => e.type)).not.toContain('reply');
    expect((await queued()).map((m) => m.text)).toEqual([expect.stringContaining('已办结')]);
  });
});
