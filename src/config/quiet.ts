import { DEFAULT_TIME_ZONE, wallClock } from './clock.js';
import { type Config, quietHours } from './env.js';

/**
 * The hours the bot keeps the groups quiet (QUIET_HOURS, read in TIMEZONE). Here, below every part, because the bot
 * holds its night replies by them and the workers hold the SLA notices of a case that is not urgent.
 */
export interface QuietHours {
  quiet: { start: number; end: number };
  timeZone: string;
}

export const quietHoursOf = (config: Pick<Config, 'QUIET_HOURS' | 'TIMEZONE'>): QuietHours => ({
  quiet: quietHours(config),
  timeZone: config.TIMEZONE,
});

/** Equal hours: never quiet (simulated villages people try at any hour, benchmarks, tests of other things). */
export const NEVER_QUIET: QuietHours = { quiet: { start: 0, end: 0 }, timeZone: DEFAULT_TIME_ZONE };

const HOUR = 3_600_000;

/** The hour (0–23) in the deployment's time zone. */
export function localHour(at: Date, timeZone: string): number {
  return Number(wallClock(at, timeZone).hour);
}

/** Whether `at` falls in the quiet hours; "22-7" spans midnight, "0-6" does not, equal hours mean never. */
export function inQuietHours(at: Date, policy: QuietHours): boolean {
  const { start, end } = policy.quiet;
  if (start === end) return false;
  const h = localHour(at, policy.timeZone);
  return start < end ? h >= start && h < end : h >= start || h < end;
}

/** When the quiet hours around `at` end (the next whole hour outside them); `at` itself when it is not in them. */
export function quietEnds(at: Date, policy: QuietHours): Date {
  if (!inQuietHours(at, policy)) return at;
  let t = Math.ceil(at.getTime() / HOUR) * HOUR;
  for (let i = 0; i < 24 && inQuietHours(new Date(t), policy); i++) t += HOUR;
  return new Date(t);
}
