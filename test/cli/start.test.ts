import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { readPersistence } from '../../src/queue/persistence.js';
import { REDIS_URL } from '../helpers/redis.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;

// The Redis of this machine keeps nothing on disk (appendonly no, save ""): what a misconfigured deployment has.
const probe = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const volatile = (await readPersistence(probe)).problems.length > 0;
probe.disconnect();

describe('cunbot start', () => {
  it('refuses to run without SESSION_SECRET, saying how to make one (exit code 2)', async () => {
    const { SESSION_SECRET: _unset, ...env } = process.env;
    const err = (await run('node', [BIN, 'start'], { env: { ...env, PUPPET: 'mock', LOG_LEVEL: 'silent' } }).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('SESSION_SECRET is not set');
    expect(err.stderr).toContain('openssl rand -hex 32');
  });

  it.skipIf(!volatile)('refuses a Redis that would lose cases, saying how to fix it', async () => {
    const env = { ...process.env, REDIS_URL, PUPPET: 'mock', LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(32) };
    const err = (await run('node', [BIN, 'start'], { env }).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('refusing to start: Redis keeps nothing on disk');
    expect(err.stderr).toContain('--allow-volatile-redis');
    expect(err.stderr).toContain('重启后案件会丢失');
  });
});
