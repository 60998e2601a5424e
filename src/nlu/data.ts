import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import { INTENTS, type Intent } from './types.js';
import { MODEL_VERSION } from './version.js';

export const ExampleSchema = z.object({
  text: z.string().min(1),
  urgent: z.boolean().optional(),
  source: z.string().min(1),
  /** The file decides the intent; lines pasted from `cunbot intents export-corrections` carry it too. */
  intent: z.enum(INTENTS).optional(),
});
export type Example = Omit<z.infer<typeof ExampleSchema>, 'intent'> & { intent: Intent };

/** Files that shape the model: change any of them and the committed model is stale. */
const LEXICONS = ['cues.json', 'urgent.json', 'homophones.json', 'dict.txt'];

/** All training examples in `dir` (default `intents/`): one `<intent>.jsonl` per intent. */
export function loadExamples(dir: string = INTENTS_DIR): Example[] {
  const out: Example[] = [];
  for (const intent of INTENTS) {
    const file = join(dir, `${intent}.jsonl`);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = ExampleSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      if (parsed.data.intent !== undefined && parsed.data.intent !== intent) {
        throw new Error(`${file}:${i + 1}: says "${parsed.data.intent}"; move it to ${parsed.data.intent}.jsonl`);
      }
      out.push({ ...parsed.data, intent });
    });
  }
  return out;
}

/** A fingerprint of everything the model was trained from: the data, the lexicons and MODEL_VERSION. */
export function dataHash(dir: string = INTENTS_DIR): string {
  const h = createHash('sha256').update(`v${MODEL_VERSION}`);
  for (const name of [...INTENTS.map((i) => `${i}.jsonl`), ...LEXICONS]) {
    h.update(name).update(readFileSync(join(dir, name)));
  }
  return h.digest('hex').slice(0, 16);
}
