import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '../../src/bot/handler.js';
import type { MockWorld, Said, SayInput } from '../../src/bot/mock.js';
import type { BotPolicy } from '../../src/bot/policy.js';
import { ALWAYS_ON_POLICY, type Spine, startMockSpine } from '../../src/cli/spine.js';
import type { Clock } from '../../src/config/clock.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import { type LoadedVillage, loadVillages } from '../../src/villages/load.js';
import { openRedis, REDIS_URL } from './redis.js';

export const ROOM = '西河村村民群';

export interface TestSpine {
  spine: Spine;
  world: MockWorld;
  /** Every bot message so far, with when it was said. */
  said: Array<Said & { at: number }>;
  /** A resident speaks; resolves when the message is handled and all queues are quiet. */
  say(input: Partial<SayInput> & { text: string }): Promise<Outcome>;
  /** Bot messages said since the last call. */
  take(): Said[];
  close(): Promise<void>;
}

/** The whole spine on the mock puppet against real Redis, under the test's own key prefix. */
export async function startTestSpine(
  prefix: string,
  opts: {
    env?: Partial<Record<keyof Config, string>>;
    policy?: Partial<BotPolicy>;
    workers?: boolean;
    clock?: Clock;
    /** Default: the sample village(s) in villages/. */
    villages?: LoadedVillage[];
  } = {},
): Promise<TestSpine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cunbot-test-'));
  const config = loadConfig({
    REDIS_URL,
    KEY_PREFIX: prefix,
    PUPPET: 'mock',
    OUTBOUND_INTERVAL_MS: '0',
    OUTBOUND_JITTER_MS: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const villages = opts.villages ?? loadVillages('villages');
  const { spine, world } = await startMockSpine({
    config,
    villages,
    // Tests run at any hour: daytime policy and no cooldown unless a test is about them.
    policy: { ...ALWAYS_ON_POLICY, ...opts.policy },
    workers: opts.workers,
    clock: opts.clock,
  });
  const said: TestSpine['said'] = [];
  let taken = 0;
  world.onSaid((s) => said.push({ ...s, at: Date.now() }));
  let n = 0;
  return {
    spine,
    world,
    said,
    async say(input) {
      const id = input.id ?? `t${(n++).toString(36)}-${Date.now().toString(36)}`;
      const handled = spine.handler.whenHandled(id);
      world.say({ room: ROOM, from: '王大伯', mentioned: false, ...input, id });
      const outcome = await handled;
      await spine.idle();
      return outcome;
    },
    take() {
      const out = said.slice(taken).map(({ at: _, ...s }) => s);
      taken = said.length;
      return out;
    },
    async close() {
      await spine.close();
      await (await openRedis(prefix, config.REDIS_URL)).close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
