import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root: commands run from it, as `npx cunbot` would. */
export const ROOT = join(import.meta.dirname, '../..');

/** Runs `cunbot ARGS` with INPUT on stdin, logs silenced: exit status, stdout, stderr. */
export function cunbot(args: string[], input = '') {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/cunbot.js'), ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs a JSON-lines command (classify, excerpt, guide): its output lines parsed. */
export function cunbotLines(args: string[], input = '') {
  const run = cunbot(args, input);
  const lines = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { status: run.status, lines, stderr: run.stderr };
}
