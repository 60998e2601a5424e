import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VillageError } from './load.js';

/** The file a village edits: one canned reply a line; blank lines and lines starting with # are skipped. */
export const CANNED_FILE = 'canned.txt';
const MAX_REPLIES = 50;
const MAX_CHARS = 500;

/** The replies of a canned-reply file, checked: a mistake names the file, the line and the fix. */
export function parseCanned(text: string, file: string): string[] {
  const replies: string[] = [];
  const problems: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      if ([...line].length > MAX_CHARS) problems.push(`line ${i + 1} is over ${MAX_CHARS} characters — shorten it`);
      else if (replies.includes(line)) problems.push(`line ${i + 1} repeats an earlier reply — delete it`);
      else replies.push(line);
    });
  if (replies.length === 0) problems.push('has no reply — write one reply a line');
  if (replies.length > MAX_REPLIES) problems.push(`has ${replies.length} replies — keep at most ${MAX_REPLIES}`);
  if (problems.length > 0) throw new VillageError(`${file}: ${problems.join('; ')}`);
  return replies;
}

/** A village's canned replies: its own `canned.txt` when it has one, else the default file. */
export function loadCanned(villageDir: string, defaultFile: string): string[] {
  const own = join(villageDir, CANNED_FILE);
  const file = existsSync(own) ? own : defaultFile;
  return parseCanned(readFileSync(file, 'utf8'), file);
}
