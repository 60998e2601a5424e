import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h.close());

describe('GET /healthz', () => {
  it('tells the operator when Redis would lose cases on a restart', async () => {
    const onDisk = (await h.redis.call('CONFIG', 'GET', 'appendonly')) as string[];
    const save = (await h.redis.call('CONFIG', 'GET', 'save')) as string[];
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    if (onDisk[1] === 'no' && save[1] === '') {
      expect(res.json()).toMatchObject({ persistence: 'volatile', warnings: [expect.stringContaining('restart')] });
    } else {
      expect(res.json()).toMatchObject({ ok: true, redis: 'up' });
    }
  });
});
