import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Said } from '../../bot/mock.js';
import { villageActor } from '../../cases/access.js';
import { localDay } from '../../cases/numbering.js';
import { ManualClock } from '../../config/clock.js';
import { loadConfig } from '../../config/env.js';
import { UserFacingError } from '../../config/errors.js';
import { createRedis, deletePrefix } from '../../queue/connection.js';
import { UsageError } from '../errors.js';
import { writeLine } from '../jsonl.js';
import { villagesFrom } from '../villages.js';
import { playCivicLine, proposalsLine } from './simulate-civic.js';
import { caseLine, MessageLine, StaffLine, WaitLine } from './simulate-lines.js';

/** How far the simulation's clock moves for each line played. */
const MINUTES_PER_LINE = 2;

/** 10:00 Beijing time on the day `now` falls on there: where a simulation starts without --at. */
function tenToday(now: Date): Date {
  const { ymd } = localDay(now, 'Asia/Shanghai');
  return new Date(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}T10:00:00+08:00`);
}

/** A message Wechaty could not even read is given up on after this long, and the script goes on. */
const HANDLE_TIMEOUT_MS = 10_000;

/**
 * `cunbot simulate --villages DIR [--at ISO-TIME]`: plays a script on the mock puppet through the whole system (queues, workers and
 * the case store on the Redis at REDIS_URL). Each line is handled completely before the next; stdout gets every
 * bot message, then the cases of the run.
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { villages: { type: 'string' }, at: { type: 'string' } },
    strict: true,
  });
  if (!values.villages) throw new UsageError('simulate needs --villages DIR (the folder holding the villages)');
  const start = values.at === undefined ? tenToday(new Date()) : new Date(values.at);
  if (Number.isNaN(start.getTime())) {
    throw new UsageError(`--at "${values.at}" is not a time — write it as ISO, e.g. 2026-12-01T10:00:00+08:00`);
  }
  const villages = villagesFrom(values.villages);
  const base = loadConfig();
  const dataDir = mkdtempSync(join(tmpdir(), 'cunbot-sim-'));
  // The simulation's own clock: the production reply policy (quiet hours, cooldowns) applies at its time, so the
  // same script at the same --at always gives the same answers. No send throttle: a conversation plays in seconds.
  const clock = new ManualClock(start, base.TIMEZONE);
  // A simulation is a world of its own: its cases, timers and numbers live under a prefix of this run, removed at
  // the end, so a run never fires another run's timers and the same script numbers its cases the same way.
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const config = {
    ...base,
    KEY_PREFIX: `${base.KEY_PREFIX}-sim-${run}`,
    PUPPET: 'mock' as const,
    OUTBOUND_INTERVAL_MS: 0,
    OUTBOUND_JITTER_MS: 0,
    DATA_DIR: dataDir,
  };
  // Wechaty, BullMQ and the workers load only once the arguments are known to be good.
  const { startMockSpine } = await import('../spine.js');
  const { spine, world } = await startMockSpine({ config, villages, clock });
  const said: Said[] = [];
  world.onSaid((s) => said.push(s));
  /** Case numbers this run opened, in order ("last" is the newest). */
  const opened: string[] = [];
  const flush = async () => {
    const at = clock.now().toISOString();
    for (const s of said.splice(0))
      await writeLine(s.room ? { to: s.to, room: s.room, text: s.text, at } : { to: s.to, text: s.text, at });
  };
  /**
   * Moves the clock `ms` on, stopping at each timer due on the way: the timer fires at its own time, what it makes
   * the bot say is printed with that time, and the cases it changes are reported.
   */
  const waitFor = async (ms: number) => {
    const target = clock.now().getTime() + ms;
    for (let next = await spine.timers.next(); next && next.getTime() <= target; next = await spine.timers.next()) {
      if (next > clock.now()) clock.set(next);
      // Every timer due now fires, a consultation's deadline among them, in its turn.
      await spine.idle();
      await flush();
    }
    clock.set(new Date(target));
    await spine.idle();
    await flush();
  };
  // The run's key prefix holds its cases only: every one of them is the run's, including those a single message
  // filed several of (the messages kept while the bot asked which village).
  const runCases = async () => {
    const all = await spine.store.all({ villages: villages.map((v) => v.village.id) });
    return all.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  };

  const civic = {
    spine,
    world,
    villages,
    clock,
    async caseOf(ref: string) {
      const number = ref === 'last' ? opened.at(-1) : ref;
      return number ? spine.store.getByNumber(number) : null;
    },
  };

  try {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let n = 0;
    for await (const raw of lines) {
      n += 1;
      if (!raw.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        process.stderr.write(`cunbot simulate: line ${n}: not JSON; skipped\n`);
        continue;
      }
      // Timers the clock passed while lines were played (a consultation's deadline) fire before the next line.
      await spine.idle();
      const message = MessageLine.safeParse(value);
      const staff = message.success ? null : StaffLine.safeParse(value);
      const wait = message.success || staff?.success ? null : WaitLine.safeParse(value);
      if (wait?.success) {
        await waitFor(wait.data.wait);
        continue;
      }
      if (message.success) {
        const m = message.data;
        const id = `${run}-${m.id === undefined ? `line${n}` : String(m.id)}`;
        const handled = spine.handler.whenHandled(id);
        world.say({
          room: m.room === 'private' ? null : m.room,
          from: m.from,
          text: m.text,
          mentioned: m.mentioned ?? false,
          at: clock.now(),
          id,
        });
        const outcome = await Promise.race([
          handled,
          new Promise<undefined>((r) => setTimeout(() => r(undefined), HANDLE_TIMEOUT_MS).unref()),
        ]);
        if (outcome?.action === 'case') {
          if (!outcome.joined && !opened.includes(outcome.number)) opened.push(outcome.number);
        }
      } else if (staff?.success) {
        const a = staff.data;
        const number = a.case === 'last' ? opened.at(-1) : a.case;
        const target = number ? await spine.store.getByNumber(number) : null;
        if (!target) {
          process.stderr.write(`cunbot simulate: line ${n}: no case "${a.case}" to act on; skipped\n`);
          continue;
        }
        // The same service as the workbench: a refused action (not theirs, a closed case) is said and skipped.
        try {
          const actor = villageActor(
            villages.map((v) => v.village),
            (a.staff ?? a.advisor)!,
          );
          if (a.reply !== undefined) {
            await spine.service.reply(actor, target.id, { text: a.reply, internal: a.internal ?? false });
          }
          if (a.close !== undefined) await spine.service.setStatus(actor, target.id, 'closed', a.close);
        } catch (err) {
          if (!(err instanceof UserFacingError)) throw err;
          // Refused, as the workbench would refuse it; the time it took still passes.
          process.stderr.write(`cunbot simulate: line ${n}: ${err.message} (${err.chinese}); skipped\n`);
        }
      } else if (
        await playCivicLine(value, civic).catch((err: unknown) => {
          if (!(err instanceof UserFacingError)) throw err;
          process.stderr.write(`cunbot simulate: line ${n}: ${err.message} (${err.chinese}); skipped\n`);
          return true;
        })
      ) {
        // Played (or refused and said) by its own handler.
      } else {
        process.stderr.write(
          `cunbot simulate: line ${n}: expected {"room","from","text"}, {"staff","case","reply"|"close"} or {"wait":"36h"}; skipped\n`,
        );
        continue;
      }
      await spine.idle();
      await flush();
      clock.advance(MINUTES_PER_LINE * 60_000);
    }
    await spine.idle();
    await flush();
    const cases = await runCases();
    await writeLine({ cases: cases.map(caseLine) });
    await writeLine(await proposalsLine(spine, cases));
  } finally {
    await spine.close();
    const redis = createRedis(config.REDIS_URL, 'cunbot-simulate-cleanup');
    await deletePrefix(redis, config.KEY_PREFIX).finally(() => redis.disconnect());
    rmSync(dataDir, { recursive: true, force: true });
  }
  return 0;
}
