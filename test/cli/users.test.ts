import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { UserStore } from '../../src/admin/users.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;
const prefix = testPrefix('users');
const { redis, close } = await openRedis(prefix);

async function cunbot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, 'users', ...args], {
      env: { ...process.env, KEY_PREFIX: prefix, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(close);

describe('cunbot users', () => {
  it('adds a user who can then log in, lists and disables it', async () => {
    const added = await cunbot(
      'add',
      '--username',
      'lin',
      '--password',
      'correct-horse',
      '--role',
      'advisor',
      '--villages',
      'xihe,dongshan',
    );
    expect(added).toMatchObject({ code: 0, stdout: 'added lin (advisor)\n' });
    const users = new UserStore(redis, prefix);
    expect(await users.authenticate('lin', 'correct-horse')).toMatchObject({ villages: ['xihe', 'dongshan'] });

    expect((await cunbot('list')).stdout).toBe('lin\tadvisor\txihe,dongshan\tactive\n');
    expect((await cunbot('disable', '--username', 'lin')).code).toBe(0);
    expect(await users.authenticate('lin', 'correct-horse')).toBeUndefined();
  });

  it('explains a bad role or a short password, with exit code 2', async () => {
    const res = await cunbot('add', '--username', 'bad', '--password', 'short', '--role', 'boss', '--villages', 'xihe');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--password: at least 8 characters');
    expect(res.stderr).toContain('--role');
  });

  it('refuses to add a user twice', async () => {
    const add = [
      'add',
      '--username',
      'twice',
      '--password',
      'correct-horse',
      '--role',
      'committee',
      '--villages',
      'xihe',
    ];
    await cunbot(...add);
    const again = await cunbot(...add);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
