import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { z } from 'zod';
import { INTENTS_DIR } from './paths.js';
import { anyOf } from './regex.js';

export const DEFAULT_BOT_NAME = '村小助';

const HomophonesSchema = z.object({
  pairs: z.record(z.string().min(2), z.string().min(1)),
  // Dialect-only characters are safe to replace one by one; a Mandarin character never is, hence min(2) above.
  dialect: z.record(z.string().min(1), z.string().min(1)).default({}),
});

// WeChat sends its built-in stickers as bracketed names. The list covers the Latin-named ones; any short
// Chinese name in square brackets is one too (residents do not otherwise write 【】-style tags with [ ]).
const EMOJI_LATIN = ['OK', 'Party', 'Emm', 'Facepalm', 'Smirk', 'Smart', 'Concerned', 'Yeah!', 'Hey', 'Wow'];
const EMOJI = new RegExp(`\\[(?:[\\u4e00-\\u9fff]{1,4}|${anyOf(EMOJI_LATIN)})\\]`, 'g');
const REPEATED_PUNCT = /([!?.,~。，！？、…:;=\-*])\1+/g;
const SPACES = /[\s\u2005\u3000]+/g;

let toSimplified: ((s: string) => string) | undefined;
let homophones: { pattern: RegExp; map: Map<string, string> } | undefined;

function loadHomophones(): { pattern: RegExp; map: Map<string, string> } {
  const raw = JSON.parse(readFileSync(join(INTENTS_DIR, 'homophones.json'), 'utf8'));
  const { pairs, dialect } = HomophonesSchema.parse(raw);
  const all = { ...dialect, ...pairs };
  const keys = Object.keys(all).sort((a, b) => b.length - a.length);
  return { pattern: new RegExp(anyOf(keys), 'g'), map: new Map(Object.entries(all)) };
}

const mentionPatterns = new Map<string, RegExp>();
function mentionPattern(botNames: readonly string[]): RegExp {
  const key = botNames.join('\u0000');
  let p = mentionPatterns.get(key);
  if (!p) {
    // WeChat ends a mention with U+2005; typed or pasted ones end with a space, or run into the text.
    const names = botNames.flatMap((n) => [n, n.normalize('NFKC')]);
    p = new RegExp(`[@＠](?:${anyOf([...new Set(names)])})[\\u2005 \\u3000]?`, 'g');
    mentionPatterns.set(key, p);
  }
  return p;
}

/**
 * The text as the classifier sees it: the bot's mention and sticker codes removed, half-width, simplified,
 * repeated punctuation collapsed, voice-input slips of village words and dialect words turned into Mandarin,
 * whitespace single.
 */
export function normalize(text: string, botName: string | readonly string[] = DEFAULT_BOT_NAME): string {
  const mention = mentionPattern(typeof botName === 'string' ? [botName] : botName);
  toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
  homophones ??= loadHomophones();
  const { pattern, map } = homophones;
  let s = text.replace(mention, ' ');
  // NFKC turns full-width letters, digits and punctuation into their ASCII forms (＠ too: a second pass).
  s = s.normalize('NFKC').replace(mention, ' ');
  s = toSimplified(s);
  s = s.replace(EMOJI, ' ');
  s = s.replace(REPEATED_PUNCT, '$1');
  s = s.replace(pattern, (m) => map.get(m) ?? m);
  return s.replace(SPACES, ' ').trim();
}
