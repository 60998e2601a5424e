import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { findOrStartRedis } from '../../src/cli/commands/demo.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;
// A port nothing listens on: the demo must not find a Redis there.
const DEAD = 'redis://127.0.0.1:1';

describe('the demo finds Redis', () => {
  it('starts a private redis-server when nothing answers, and stops it', async () => {
    const handle = await findOrStartRedis(DEAD);
    expect(handle.private).toBe(true);
    const redis = new Redis(handle.url);
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    redis.disconnect();
    await handle.stop();
    const gone = new Redis(handle.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    gone.on('error', () => {});
    await expect(gone.connect()).rejects.toThrow();
  });

  it('says how to get Redis when there is none to start', async () => {
    // A PATH holding only node: no redis-server anywhere.
    const bin = mkdtempSync(join(tmpdir(), 'cunbot-path-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const env = { ...process.env, PATH: bin, REDIS_URL: DEAD, LOG_LEVEL: 'silent' };
    const err = await run(process.execPath, [BIN, 'demo'], { env }).catch((e: { code: number; stderr: string }) => e);
    rmSync(bin, { recursive: true });
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain('apt install redis-server');
    expect((err as { stderr: string }).stderr).toContain('brew install redis');
  });
});
