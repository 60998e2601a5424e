import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Files planted in a copy of src/ for one run of the arrows check (the command `npm run lint` runs, with the same
// config), so the checkout itself never holds a wrong-way import, even for a moment.
const PLANTS: Record<string, { file: string; line: string; rule: string | null }> = {
  pureToQueue: { file: 'src/nlu/zz-plant-a.ts', line: "import '../queue/intake.js';", rule: 'understanding-is-pure' },
  pureToRedis: { file: 'src/villages/zz-plant-b.ts', line: "import 'ioredis';", rule: 'understanding-has-no-shells' },
  queueToCases: { file: 'src/queue/zz-plant-c.ts', line: "import '../cases/schema.js';", rule: 'queue-below-cases' },
  botToAdmin: { file: 'src/bot/zz-plant-d.ts', line: "import '../admin/labels.js';", rule: 'bot-admin-workers-apart' },
  casesToFastify: { file: 'src/cases/zz-plant-e.ts', line: "import 'fastify';", rule: 'fastify-only-in-admin' },
  casesToWechaty: { file: 'src/cases/zz-plant-f.ts', line: "import 'wechaty';", rule: 'wechaty-only-in-bot' },
  casesToBot: { file: 'src/cases/zz-plant-g.ts', line: "import '../bot/plan.js';", rule: 'cases-below-the-shells' },
  botToCases: { file: 'src/bot/zz-plant-ok.ts', line: "import '../cases/schema.js';", rule: null },
};

describe('the arrows between parts (npm run lint)', () => {
  it('fail on an import that points the wrong way, and pass one that points down', () => {
    const plants = Object.values(PLANTS);
    const copy = mkdtempSync(join(tmpdir(), 'cunbot-arrows-'));
    let run: ReturnType<typeof spawnSync>;
    try {
      cpSync('src', join(copy, 'src'), { recursive: true });
      for (const f of ['tsconfig.json', 'package.json']) cpSync(f, join(copy, f));
      symlinkSync(resolve('node_modules'), join(copy, 'node_modules'));
      // The project's rules as they are; only the copy's node_modules, a link to the checkout's, keeps its path.
      writeFileSync(
        join(copy, '.dependency-cruiser.cjs'),
        `const c = require(${JSON.stringify(resolve('.dependency-cruiser.cjs'))});
module.exports = { ...c, options: { ...c.options, preserveSymlinks: true } };\n`,
      );
      for (const p of plants) writeFileSync(join(copy, p.file), `${p.line}\n`);
      run = spawnSync(
        resolve('node_modules/.bin/depcruise'),
        plants.map((p) => p.file),
        {
          cwd: copy,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    // One line per violation: "error <rule>: <from> → <to>"; the exit code counts them.
    const found = [...String(run.stdout).matchAll(/error ([\w-]+): (\S+) →/g)].map(([, rule, from]) => ({
      rule,
      from,
    }));
    for (const p of plants) {
      expect(
        found.filter((v) => v.from === p.file).map((v) => v.rule),
        p.file,
      ).toEqual(p.rule ? [p.rule] : []);
    }
    expect(run.status).toBe(plants.filter((p) => p.rule).length);
  });
});
