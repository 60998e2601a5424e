import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;

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
});
