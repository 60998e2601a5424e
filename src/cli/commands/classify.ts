import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/env.js';
import { understand, warmUp } from '../../nlu/index.js';
import { loadVillages, VillageError } from '../../villages/load.js';
import { UsageError } from '../errors.js';

/** Texts longer than this are classified on their beginning; the line is still answered. */
const MAX_TEXT = 4000;

interface Line {
  id: unknown;
  text: string;
  mentioned: boolean;
}

function parseLine(line: string): Line | { id: unknown; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'not a JSON object' };
  }
  const o = value as Record<string, unknown>;
  const id = o.id ?? null;
  if (!('text' in o)) return { id, error: 'no "text" field' };
  if (typeof o.text !== 'string') return { id, error: '"text" is not a string' };
  return { id, text: o.text, mentioned: o.mentioned === true };
}

/** `cunbot classify [--villages DIR]`: JSON lines {id,text,mentioned} in, {id,intent,confidence,urgent,wouldReply} out. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { villages: { type: 'string' } }, strict: true });
  // The bot's mention is removed before classifying: BOT_NAME, and any village's own name for it. Only BOT_NAME
  // is read: classify needs no Redis or admin settings, so a wrong one of those must not stop it.
  const botNames = [loadConfig({ BOT_NAME: process.env.BOT_NAME }).BOT_NAME];
  if (values.villages !== undefined) {
    try {
      for (const { village } of loadVillages(values.villages)) if (village.botName) botNames.push(village.botName);
    } catch (err) {
      if (err instanceof VillageError) throw new UsageError(`--villages: ${err.message}`);
      throw err;
    }
  }
  warmUp();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    if (!raw.trim()) continue;
    // Files saved by Windows editors start with a byte-order mark.
    const parsed = parseLine(raw.replace(/^\uFEFF/, ''));
    let out: object;
    if ('error' in parsed) out = parsed;
    else {
      const u = understand(parsed.text.slice(0, MAX_TEXT), { mentioned: parsed.mentioned, botName: botNames });
      out = {
        id: parsed.id,
        intent: u.intent,
        confidence: Math.round(u.confidence * 1e4) / 1e4,
        urgent: u.urgent,
        wouldReply: u.wouldReply,
      };
    }
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
  return 0;
}
