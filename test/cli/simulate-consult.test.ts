import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../helpers/cli.js';
import { openRedis, testPrefix } from '../helpers/redis.js';

const prefix = testPrefix('simulate-consult');
afterAll(async () => (await openRedis(prefix)).close());

describe('cunbot simulate plays the README consultation scenario', () => {
  it('binds, consults, counts one voice each, closes on the clock and prints the tally', () => {
    const run = simulate(readFileSync('villages/xihe/scenarios/consult.jsonl', 'utf8'), prefix);
    expect(run.status).toBe(0);
    // "王芳" alone names two villagers: refused with the reason, the script goes on.
    expect(run.stderr).toMatch(/line 3: .*二组、五组.*skipped/);
    const out = run.lines;
    const privateTo = (name: string) => out.filter((l) => l.to === name && !l.room).map((l) => l.text ?? '');
    expect(privateTo('孙国平').some((t) => t.includes('征求在外村民的意见'))).toBe(true);
    expect(privateTo('王芳').some((t) => t.includes('征求在外村民的意见'))).toBe(false);
    const results = out.filter((l) => l.room && l.text?.includes('意见征集结果'));
    expect(results.map((l) => l.room).sort()).toEqual(['西河村在外乡亲群', '西河村村民群']);
    expect(out.at(-1)).toEqual({
      proposals: [
        {
          number: expect.stringMatching(/^XH-/),
          stage: 'proposed',
          consultation: { support: 4, oppose: 1, abstain: 0, voters: 5 },
        },
      ],
    });
  });
});
