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

// Format characters (zero-width spaces and joiners, soft hyphens, word joiners, BOMs, bidi embeddings, overrides
// and isolates) and fillers that render as nothing (Mongolian vowel separator, Hangul fillers, the combining
// grapheme joiner): pasted between the characters of a word they hide it from every lexicon, and bidi marks
// reorder what staff see on a page.
const INVISIBLE = /\p{Cf}|\u034f|[\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]/gu;
// Controls other than tab and newline have no business in a name or a reply either.
const CONTROLS = /(?![\t\n])\p{Cc}/gu;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/**
 * "我 不 想 活 了": a run of three or more single Han characters, each separated by a space or a dot-like filler,
 * is one word typed apart (to dodge a filter, or by a voice keyboard); messages otherwise space out phrases, which
 * stay apart ("漏雨很严重 希望尽快修一修").
 */
const SPACED_OUT = /(?<!\p{sc=Han})\p{sc=Han}(?:[ \t·•・._*~-]{1,2}\p{sc=Han}){2,}(?!\p{sc=Han})/gu;
const SPACED_GAP = /[ \t·•・._*~-]/g;

/** Removes format and invisible characters, keeping the zero-width joiner inside emoji sequences (👨‍👩‍👧). */
function dropInvisible(s: string, keepEmojiJoiners: boolean): string {
  return s.replace(INVISIBLE, (c, at: number) =>
    keepEmojiJoiners && c === '\u200d' && PICTOGRAPH.test(s.slice(Math.max(0, at - 2), at)) ? c : '',
  );
}

/**
 * A display name or a text shown on a page or in a reply, without the characters that hide or reorder what is
 * shown: format characters (Unicode Cf, bidi marks included), invisible fillers and control characters.
 */
export function cleanDisplayText(text: string): string {
  return dropInvisible(text, true).replace(CONTROLS, '');
}

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
 * The text as the classifier sees it: invisible characters dropped and spaced-out words joined before anything
 * else reads it, the bot's mention and sticker codes removed, half-width, simplified,
 * repeated punctuation collapsed, voice-input slips of village words and dialect words turned into Mandarin,
 * whitespace single.
 */
export function normalize(text: string, botName: string | readonly string[] = DEFAULT_BOT_NAME): string {
  const mention = mentionPattern(typeof botName === 'string' ? [botName] : botName);
  toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
  homophones ??= loadHomophones();
  const { pattern, map } = homophones;
  let s = dropInvisible(text, false).replace(mention, ' ');
  // NFKC turns full-width letters, digits and punctuation into their ASCII forms (＠ too: a second pass).
  s = s.normalize('NFKC').replace(mention, ' ');
  s = s.replace(SPACED_OUT, (run) => run.replace(SPACED_GAP, ''));
  s = toSimplified(s);
  s = s.replace(EMOJI, ' ');
  s = s.replace(REPEATED_PUNCT, '$1');
  s = s.replace(pattern, (m) => map.get(m) ?? m);
  return s.replace(SPACES, ' ').trim();
}
