import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotMemory } from '../../src/bot/memory.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('memory');
let r: Awaited<ReturnType<typeof openRedis>>;
let memory: BotMemory;
beforeAll(async () => {
  r = await openRedis(prefix);
  memory = new BotMemory(r.redis, prefix);
});
afterAll(() => r.close());

const kept = (id: string, text: string) => ({ id, from: '周桂兰', text, at: new Date('2026-12-01T02:00:00Z') });

describe('messages kept until the resident says which village', () => {
  it('are handed over once, to one answer, all of them', async () => {
    await memory.askVillage(['xihe', 'nanshan'], kept('m1', '路灯坏了'));
    await memory.askVillage(['xihe', 'nanshan'], kept('m2', '还有低保的事'));
    const [first, second] = await Promise.all([memory.takeKept('周桂兰', 'xihe'), memory.takeKept('周桂兰', 'xihe')]);
    expect([...first, ...second].map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(await memory.villageAsked('周桂兰')).toBeNull();
    expect(await memory.chosen('周桂兰')).toBe('xihe');
  });
});
