import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const HOTLINES_FILE = 'hotlines.json';

/** Help lines by kind (women, youth, mental…): a village may list its own county's numbers beside the national ones. */
export const HotlinesSchema = z.record(
  z.string().min(1),
  z.array(z.object({ name: z.string().min(1), phone: z.string().regex(/^[0-9-]{3,20}$/, 'digits and "-" only') })),
);
export type Hotlines = z.infer<typeof HotlinesSchema>;

export const DEFAULT_HOTLINES_FILE = new URL('../../templates/hotlines.json', import.meta.url).pathname;

export class HotlinesError extends Error {
  override name = 'HotlinesError';
}

function read(file: string): Hotlines {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HotlinesError(`${file}: not valid JSON (${(err as Error).message}) — fix the file or delete it`);
  }
  const parsed = HotlinesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HotlinesError(
      `${file}: ${issue.path.join('.')} ${issue.message} — each kind lists {"name","phone"} entries`,
    );
  }
  return parsed.data;
}

/** The shipped help lines, with the village's own file (when it has one) replacing a kind or adding one. */
export function loadHotlines(dir: string, defaults = DEFAULT_HOTLINES_FILE): Hotlines {
  const base = read(defaults);
  const own = join(dir, HOTLINES_FILE);
  return existsSync(own) ? { ...base, ...read(own) } : base;
}

/** "12338（妇女维权公益服务热线）、12356（心理援助热线）" for the kinds given, each number once. */
export function hotlineText(hotlines: Hotlines, kinds: readonly string[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const k of kinds) {
    for (const h of hotlines[k] ?? []) {
      if (seen.has(h.phone)) continue;
      seen.add(h.phone);
      parts.push(`${h.phone}（${h.name}）`);
    }
  }
  return parts.join('、');
}
