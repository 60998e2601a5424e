import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/env.js';
import { understand, warmUp } from '../../nlu/index.js';
import { answerLines } from '../jsonl.js';
import { villagesFrom } from '../villages.js';

/** Texts longer than this are classified on their beginning; the line is still answered. */
const MAX_TEXT = 4000;

/** `cunbot classify [--villages DIR]`: JSON lines {id,text,mentioned} in, {id,intent,confidence,urgent,wouldReply} out. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { villages: { type: 'string' } }, strict: true });
  // The bot's mention is removed before classifying: BOT_NAME, and any village's own name for it. Only BOT_NAME
  // is read: classify needs no Redis or admin settings, so a wrong one of those must not stop it.
  const botNames = [loadConfig({ BOT_NAME: process.env.BOT_NAME }).BOT_NAME];
  if (values.villages !== undefined) {
    for (const { village } of villagesFrom(values.villages, '--villages: '))
      if (village.botName) botNames.push(village.botName);
  }
  warmUp();
  await answerLines('text', (id, text, line) => {
    const u = understand(text.slice(0, MAX_TEXT), { mentioned: line.mentioned === true, botName: botNames });
    return {
      id,
      intent: u.intent,
      confidence: Math.round(u.confidence * 1e4) / 1e4,
      urgent: u.urgent,
      wouldReply: u.wouldReply,
    };
  });
  return 0;
}
