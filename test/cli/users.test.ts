import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/admin/sessions.js';
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

    expect((await cunbot('list')).stdout).toBe('lin\tadvisor\txihe,dongshan\tactive\tnever\n');
    expect((await cunbot('disable', '--username', 'lin')).code).toBe(0);
    expect(await users.authenticate('lin', 'correct-horse')).toBeUndefined();
  });

  it('lists the last login', async () => {
    await cunbot('add', '--username', 'wu', '--password', 'correct-horse', '--role', 'committee', '--villages', 'xihe');
    await new UserStore(redis, prefix).recordLogin('wu', new Date('2026-12-01T06:12:00Z'));
    expect((await cunbot('list')).stdout).toContain('wu\tcommittee\txihe\tactive\t2026-12-01T06:12:00.000Z\n');
  });

  it('resets a password: the old one stops working and every session ends; disable ends sessions too', async () => {
    await cunbot('add', '--username', 'zhao', '--password', 'old-password', '--role', 'advisor', '--villages', 'xihe');
    const sessions = new SessionStore(redis, prefix);
    const first = await sessions.create('zhao');
    const second = await sessions.create('zhao');
    const reset = await cunbot('reset-password', '--username', 'zhao', '--password', 'new-password');
    expect(reset).toMatchObject({ code: 0, stdout: 'zhao: password changed, every session ended\n' });
    const users = new UserStore(redis, prefix);
    expect(await users.authenticate('zhao', 'old-password')).toBeUndefined();
    expect(await users.authenticate('zhao', 'new-password')).toMatchObject({ username: 'zhao' });
    expect(await sessions.resolve(first.token)).toBeUndefined();
    expect(await sessions.resolve(second.token)).toBeUndefined();

    const third = await sessions.create('zhao');
    await cunbot('disable', '--username', 'zhao');
    await cunbot('enable', '--username', 'zhao');
    expect(await sessions.resolve(third.token)).toBeUndefined();
  });

  it('logs a user out everywhere without disabling the account', async () => {
    await cunbot('add', '--username', 'qian', '--password', 'correct-horse', '--role', 'advisor', '--villages', 'xihe');
    const sessions = new SessionStore(redis, prefix);
    const phone = await sessions.create('qian');
    const laptop = await sessions.create('qian');
    expect(await cunbot('logout', '--username', 'qian')).toMatchObject({
      code: 0,
      stdout: 'qian: 2 session(s) ended\n',
    });
    expect(await sessions.resolve(phone.token)).toBeUndefined();
    expect(await sessions.resolve(laptop.token)).toBeUndefined();
    expect(await new UserStore(redis, prefix).authenticate('qian', 'correct-horse')).toMatchObject({ disabled: false });
  });

  it('refuses a short new password, with exit code 2', async () => {
    const res = await cunbot('reset-password', '--username', 'lin', '--password', 'short');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--password: at least 8 characters');
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
