import { readFileSync } from 'node:fs';
import { parseRules, type Rules, RulesError } from './parse.js';

const UTF8 = new TextDecoder('utf-8');
const replaced = (text: string) => text.split('\ufffd').length - 1;

/**
 * The text of a rules file as a clerk saves it: UTF-8 (with or without BOM), UTF-16 from Windows Notepad's
 * "Unicode", or GBK/GB18030, which Chinese Windows still writes by default. A Word, PDF or other binary file is
 * refused with what to do instead.
 */
export function decodeRules(bytes: Uint8Array, name: string): string {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new RulesError(`${name}: this is a Word (or other office) file — save it as plain text (.txt) and use that`);
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) {
    throw new RulesError(`${name}: this is a PDF — copy its text into a plain text (.txt) file and use that`);
  }
  let text: string;
  if (starts(0xff, 0xfe)) text = new TextDecoder('utf-16le').decode(bytes);
  else if (starts(0xfe, 0xff)) text = new TextDecoder('utf-16be').decode(bytes);
  else {
    // A UTF-8 file with a stray bad byte stays UTF-8; GBK read as UTF-8 is mostly replacement characters.
    text = UTF8.decode(bytes);
    if (replaced(text) > Math.max(3, text.length / 100)) text = new TextDecoder('gb18030').decode(bytes);
  }
  let controls = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) controls++;
  }
  if (controls + replaced(text) > Math.max(3, text.length / 100)) {
    throw new RulesError(`${name}: not a text file — save the village's 村规民约 as plain text (.txt)`);
  }
  return text;
}

/** Reads and parses a rules file; a missing or unreadable file is a RulesError that names it. */
export function readRulesFile(file: string): Rules {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a folder, not a file' : e.message;
    throw new RulesError(`${file}: cannot read it (${reason}) — give the village's 村规民约 as a text file`);
  }
  return parseRules(decodeRules(bytes, file), { name: file });
}
