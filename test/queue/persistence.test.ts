import { describe, expect, it } from 'vitest';
import { judgePersistence } from '../../src/queue/persistence.js';

describe('the Redis persistence check', () => {
  it('passes AOF or RDB snapshots with noeviction', () => {
    expect(judgePersistence({ appendonly: 'yes', save: '', maxmemoryPolicy: 'noeviction' }).problems).toEqual([]);
    expect(judgePersistence({ appendonly: 'no', save: '3600 1', maxmemoryPolicy: 'noeviction' }).problems).toEqual([]);
  });

  it('names a Redis that keeps nothing on disk, and one that evicts keys', () => {
    const { problems } = judgePersistence({ appendonly: 'no', save: '', maxmemoryPolicy: 'allkeys-lru' });
    expect(problems).toEqual([
      expect.stringContaining('a restart loses every case'),
      expect.stringContaining('maxmemory-policy allkeys-lru'),
    ]);
  });
});
