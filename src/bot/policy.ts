import { wallClock } from '../config/clock.js';
import { type Config, quietHours } from '../config/env.js';
import type { Village } from '../villages/schema.js';

/** When the bot keeps quiet, on top of the NLU's wouldReply. */
export interface BotPolicy {
  botName: string;
  /** Talkers whose messages are other bots' (or our own other instances'): never answered. */
  botNames: string[];
  timeZone: string;
  quiet: { start: number; end: number };
  /** Per resident and per room: a hint or help reply waits this long after the last one. */
  residentCooldownMs: number;
  roomCooldownMs: number;
  /** After a reconnect WeChat replays old messages; older than this they are history, not questions. */
  backlogMs: number;
}

export function policyFromConfig(
  config: Pick<Config, 'BOT_NAME' | 'QUIET_HOURS' | 'TIMEZONE'> &
    Partial<Pick<Config, 'RESIDENT_COOLDOWN_S' | 'ROOM_COOLDOWN_S'>>,
  villages: readonly Village[],
  over: Partial<BotPolicy> = {},
): BotPolicy {
  const names = new Set([config.BOT_NAME, ...villages.flatMap((v) => (v.botName ? [v.botName] : []))]);
  return {
    botName: config.BOT_NAME,
    botNames: [...names],
    timeZone: config.TIMEZONE,
    quiet: quietHours(config),
    residentCooldownMs: (config.RESIDENT_COOLDOWN_S ?? 60) * 1000,
    roomCooldownMs: (config.ROOM_COOLDOWN_S ?? 5) * 1000,
    backlogMs: 5 * 60_000,
    ...over,
  };
}

/** The hour (0–23) in the deployment's time zone. */
export function localHour(at: Date, timeZone: string): number {
  return Number(wallClock(at, timeZone).hour);
}

/** Whether `at` falls in the quiet hours; "22-7" spans midnight, "0-6" does not, equal hours mean never. */
export function inQuietHours(at: Date, policy: Pick<BotPolicy, 'quiet' | 'timeZone'>): boolean {
  const { start, end } = policy.quiet;
  if (start === end) return false;
  const h = localHour(at, policy.timeZone);
  return start < end ? h >= start && h < end : h >= start || h < end;
}
