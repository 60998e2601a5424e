import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openRedis, testPrefix } from '../helpers/redis.js';

const BIN = new URL('../../bin/cunbot.js', import.meta.url).pathname;
const VILLAGES = new URL('../../villages/', import.meta.url).pathname;
const prefix = testPrefix('admincli');

afterAll(async () => (await openRedis(prefix)).close());

describe('cunbot admin', () => {
  it('serves the admin service on the given port and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'admin', '--villages', VILLAGES, '--port', '0'], {
      env: { ...process.env, KEY_PREFIX: prefix, LOG_LEVEL: 'silent', SESSION_SECRET: randomBytes(32).toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /at (http:\/\/\S+?)\/? /.exec(out);
        if (found?.[1]) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const me = await fetch(`${url}/api/me`);
    expect(me.status).toBe(401);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  }, 30_000);

  it('says which address is taken, and exits, when the port is in use', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    const child = spawn(process.execPath, [BIN, 'admin', '--villages', VILLAGES, '--port', String(port)], {
      env: { ...process.env, KEY_PREFIX: prefix, LOG_LEVEL: 'silent', SESSION_SECRET: randomBytes(32).toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    taken.close();
    expect(code).toBe(1);
    expect(err).toContain(`127.0.0.1:${port} is already in use`);
    expect(err).not.toContain('    at ');
  }, 30_000);
});
