import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { INTENTS_DIR } from './paths.js';

let jieba: Jieba | undefined;

function load(): Jieba {
  const j = Jieba.withDict(dict);
  // The general dictionary splits village words (新农合 → 新农/合); ours keeps them whole.
  j.loadDict(readFileSync(join(INTENTS_DIR, 'dict.txt')));
  return j;
}

/** Words of a normalised text, whitespace dropped. Loads jieba and the domain dictionary on first use. */
export function segment(text: string): string[] {
  jieba ??= load();
  return jieba.cut(text, false).filter((w) => w.trim() !== '');
}
