import { createInterface } from 'node:readline';

/** Writes one JSON line to stdout, waiting when the pipe is full so a slow reader does not pile output in memory. */
export function writeLine(line: object): Promise<void> | undefined {
  if (process.stdout.write(`${JSON.stringify(line)}\n`)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

type Parsed = { id: unknown; value: string; line: Record<string, unknown> } | { id: unknown; error: string };

function parseLine(raw: string, field: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { id: null, error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, error: 'not a JSON object' };
  }
  const line = value as Record<string, unknown>;
  const id = line.id ?? null;
  if (!(field in line)) return { id, error: `no "${field}" field` };
  const text = line[field];
  if (typeof text !== 'string') return { id, error: `"${field}" is not a string` };
  return { id, value: text, line };
}

/**
 * Answers JSON lines on stdin with JSON lines on stdout, one for each non-blank line and in order: `answer`'s
 * result for an object whose `field` is a string, else {id, error} so one bad line does not stop the rest.
 */
export async function answerLines(
  field: string,
  answer: (id: unknown, value: string, line: Record<string, unknown>) => object,
): Promise<void> {
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!raw.trim()) continue;
    // Files saved by Windows editors start with a byte-order mark.
    const parsed = parseLine(raw.replace(/^\uFEFF/, ''), field);
    await writeLine('error' in parsed ? parsed : answer(parsed.id, parsed.value, parsed.line));
  }
}
