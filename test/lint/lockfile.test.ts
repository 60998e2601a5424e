import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optional?: boolean;
  engines?: { node?: string } | string[];
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

/** The lowest Node major a range admits, read off its first comparator (">=20.19.0", "^20 || >=22", "20 || >=22"). */
function lowestMajor(range: string): number {
  const first = /(\d+)/.exec(range.split('||')[0] ?? '');
  return first ? Number(first[1]) : 0;
}

describe('the lockfile', () => {
  // A newcomer on a Mac or Windows runs `npm ci`; it refuses a lockfile that lacks their platform's binary.
  it("lists every platform's optional binary that a package asks for, so npm ci works on any machine", () => {
    const missing = Object.entries(lock.packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => !lock.packages[`node_modules/${name}`] && !lock.packages[`${path}/node_modules/${name}`])
        .map((name) => `${path} → ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('holds no package that needs a newer Node than package.json promises', () => {
    const promised = lowestMajor(pkg.engines.node);
    const tooNew = Object.entries(lock.packages)
      .filter(([, e]) => !e.optional && e.engines && !Array.isArray(e.engines) && e.engines.node)
      .filter(([, e]) => {
        const range = (e.engines as { node: string }).node;
        // Satisfied when some alternative of the range starts at or below the promised major.
        return !range.split('||').some((alt) => lowestMajor(alt) <= promised || !/\d/.test(alt));
      })
      .map(([path, e]) => `${path}@${e.version} (${(e.engines as { node: string }).node})`);
    expect(tooNew).toEqual([]);
  });
});
