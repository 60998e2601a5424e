import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REDIS_URL } from './redis.js';

/** The repository's root: commands run from it, as `npx cunbot` would. */
export const ROOT = join(import.meta.dirname, '../..');

/** Runs `cunbot ARGS` with INPUT on stdin, logs silenced: exit status, stdout, stderr. */
export function cunbot(args: string[], input = '', env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/cunbot.js'), ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    // A run that hangs fails the test instead of the whole suite (spawnSync blocks vitest's own timeout).
    timeout: 90_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs a JSON-lines command (classify, excerpt, guide): its output lines parsed. */
export function cunbotLines(args: string[], input = '', env: Record<string, string> = {}) {
  const run = cunbot(args, input, env);
  const lines = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { status: run.status, lines, stderr: run.stderr };
}

/** A line `cunbot simulate` prints: a bot message, then `{"cases"}`, then `{"proposals"}` (Contract 1). */
export type SimLine = {
  to?: string;
  room?: string;
  text?: string;
  at?: string;
  cases?: Array<Record<string, unknown>>;
  proposals?: Array<Record<string, unknown>>;
};

/** Plays SCRIPT through `cunbot simulate` on the test Redis under PREFIX, from AT when given (else today 10:00). */
export function simulate(script: string, prefix: string, at?: string) {
  const args = ['simulate', '--villages', 'villages', ...(at ? ['--at', at] : [])];
  const run = cunbotLines(args, script, { REDIS_URL, KEY_PREFIX: prefix });
  return { status: run.status, lines: run.lines as SimLine[], stderr: run.stderr };
}

/** The first message to TO (a person, or a room topic for the group) containing WORDS. */
export const said = (out: SimLine[], to: string, words: string) =>
  out.find((l) => l.to === to && l.text?.includes(words));
