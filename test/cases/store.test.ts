import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/cases/store.js';
import { caseInput } from '../helpers/cases.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('store');
let redis: Redis;
let close: () => Promise<void>;
let store: CaseStore;

beforeAll(async () => {
  ({ redis, close } = await openRedis(prefix));
  store = new CaseStore(redis, prefix);
});
afterAll(async () => close());

describe('CaseStore', () => {
  it('brings cases stored before the open, owner and search indexes into them, once', async () => {
    const p = testPrefix('store-reindex');
    const old = new CaseStore(redis, p);
    const { case: c } = await old.createOrMerge(caseInput({ text: '村头的水渠堵了' }));
    // As an older version left them: none of the new indexes, no version mark.
    const newKeys = (await redis.keys(`${p}:cases:*`)).filter((k) => /:cases:(vo|o|q):/.test(k));
    await redis.del(...newKeys, old.keys.indexVersion);
    const query = { villages: [c.village], open: true, grams: ['水渠'] };
    expect((await old.list(query)).total).toBe(0);
    expect(await old.reindexOnce()).toBe(1);
    expect((await old.list(query)).items.map((x) => x.id)).toEqual([c.id]);
    expect(await old.reindexOnce()).toBe(0);
  });

  it('makes one case of a re-delivered message, numbered per village and day', async () => {
    const input = caseInput({ receivedAt: '2026-11-21T02:00:00.000Z' });
    const first = await store.createOrMerge(input);
    const again = await store.createOrMerge(input);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.case.id).toBe(first.case.id);
    expect(first.case.number).toMatch(/^XH-1121-\d{3}$/);
    expect(await store.getByNumber(first.case.number)).toMatchObject({ id: first.case.id, status: 'assigned' });
  });

  it('gives the case the number the bot quoted before it existed', async () => {
    const input = caseInput();
    const quoted = await store.allocate('XH', input.sourceKey, new Date(input.receivedAt));
    const next = await store.allocate('XH', 'xihe|another-message', new Date(input.receivedAt));
    const { case: c } = await store.createOrMerge(input);
    expect(c.number).toBe(quoted.number);
    expect(next.number).not.toBe(quoted.number);
  });

  it('lists urgent cases first, then overdue ones, then the newest', async () => {
    const p = testPrefix('store-order');
    const s = new CaseStore(redis, p);
    const hour = 3_600_000;
    const now = Date.now();
    const at = (h: number) => new Date(now - h * hour).toISOString();
    const old = await s.createOrMerge(caseInput({ village: 'a', receivedAt: at(30) }));
    const overdue = await s.createOrMerge(
      caseInput({ village: 'a', receivedAt: at(40), dueAt: at(1), slaKind: 'utility' }),
    );
    const urgent = await s.createOrMerge(caseInput({ village: 'a', receivedAt: at(50), urgent: true }));
    const newest = await s.createOrMerge(caseInput({ village: 'a', receivedAt: at(1) }));
    const other = await s.createOrMerge(caseInput({ village: 'b', receivedAt: at(0) }));

    const { items, total } = await s.list({ villages: ['a'] });
    expect(total).toBe(4);
    expect(items.map((c) => c.id)).toEqual([urgent, overdue, newest, old].map((r) => r.case.id));
    expect((await s.list({ overdue: true })).items.map((c) => c.id)).toEqual([overdue.case.id]);
    expect((await s.list({ villages: ['b'] })).items.map((c) => c.id)).toEqual([other.case.id]);
    expect(await s.count({ villages: ['a', 'b'], urgent: false })).toBe(4);
    expect((await s.list({ villages: ['a'], limit: 2, offset: 1 })).items.map((c) => c.id)).toEqual([
      overdue.case.id,
      newest.case.id,
    ]);
    await (await openRedis(p)).close();
  });

  it('shows each change of a case in its inbox row, without the timeline', async () => {
    const p = testPrefix('store-rows');
    const s = new CaseStore(redis, p);
    const long = '路灯'.repeat(100);
    const { case: c } = await s.createOrMerge(caseInput({ village: 'a', text: long }));
    await s.update(c.id, (x) => ({ ...x, status: 'answered', intent: 'proposal' }));
    const { items, total } = await s.summaries({ villages: ['a'] });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: c.id, number: c.number, status: 'answered', intent: 'proposal' });
    expect(items[0]?.excerpt).toBe(`${long.slice(0, 140)}…`);
    expect(items[0]).not.toHaveProperty('events');
    expect((await s.summaries({ villages: ['a'], status: 'new' })).items).toEqual([]);
    await (await openRedis(p)).close();
  });

  it('lists cases stored before inbox rows existed, and keeps their rebuilt rows', async () => {
    const p = testPrefix('store-old');
    const s = new CaseStore(redis, p);
    const { case: c } = await s.createOrMerge(caseInput({ village: 'a' }));
    await redis.hdel(`${p}:cases:sum`, c.id);
    expect((await s.summaries({ villages: ['a'] })).items.map((x) => x.id)).toEqual([c.id]);
    expect(await redis.hexists(`${p}:cases:sum`, c.id)).toBe(1);
    await redis.hset(`${p}:cases:sum`, c.id, '{"not":"a row"}');
    expect((await s.summaries({ villages: ['a'] })).items[0]).toMatchObject({ id: c.id, status: c.status });
    await (await openRedis(p)).close();
  });

  it('joins a private follow-up to the resident’s open case, and opens a new one once it is closed', async () => {
    const resident = { key: 'xihe:李婶', name: '李婶' };
    const { case: opened } = await store.createOrMerge(caseInput({ resident, intent: 'legal_question' }));
    const follow = caseInput({
      resident,
      channel: 'private',
      room: null,
      text: '补充：地是我公公留下的',
      joinOpenCase: true,
    });
    const joined = await store.createOrMerge(follow);
    expect(joined).toMatchObject({ created: false, merged: true });
    expect(joined.case.id).toBe(opened.id);
    expect(joined.case.messages.map((m) => m.text)).toContain('补充：地是我公公留下的');
    expect((await store.createOrMerge(follow)).case.messages).toHaveLength(2);

    await store.update(opened.id, (c) => ({ ...c, status: 'closed' }));
    expect(await store.openCaseFor(resident.key)).toBeNull();
    const fresh = await store.createOrMerge(
      caseInput({ resident, channel: 'private', room: null, joinOpenCase: true }),
    );
    expect(fresh.created).toBe(true);
  });

  it('numbers cases without gaps when follow-ups join one in between', async () => {
    const p = new CaseStore(redis, testPrefix('store-gapless'));
    const resident = { key: 'xihe:赵大姐', name: '赵大姐' };
    const at = '2026-11-23T02:00:00.000Z';
    const { case: first } = await p.createOrMerge(caseInput({ resident, receivedAt: at }));
    await p.createOrMerge(
      caseInput({ resident, receivedAt: at, channel: 'private', room: null, joinCaseId: first.id }),
    );
    const { case: next } = await p.createOrMerge(caseInput({ receivedAt: at }));
    expect([first.number, next.number]).toEqual(['XH-1123-001', 'XH-1123-002']);
  });

  it('keeps every event when many changes land on one case at once', async () => {
    const { case: c } = await store.createOrMerge(caseInput());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update(c.id, (x) => ({
          ...x,
          events: [
            ...x.events,
            { at: new Date().toISOString(), actor: 'system', type: 'note' as const, text: `n${i}` },
          ],
        })),
      ),
    );
    const after = await store.get(c.id);
    expect(after?.events.filter((e) => e.type === 'note')).toHaveLength(20);
  });

  it('refuses a case that breaks the schema', async () => {
    await expect(store.createOrMerge(caseInput({ prefix: 'bad prefix' }))).rejects.toThrow();
  });
});
