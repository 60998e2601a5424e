import type { Config } from '../config/env.js';
import { type QuietHours, quietHoursOf } from '../config/quiet.js';
import type { Village } from '../villages/schema.js';

// The rule lives in config, where the workers read it too (their SLA notices wait out the same night).
export { inQuietHours } from '../config/quiet.js';

/** When the bot keeps quiet, on top of the NLU's wouldReply. */
export interface BotPolicy extends QuietHours {
  botName: string;
  /** Talkers whose messages are other bots' (or our own other instances'): never answered. */
  botNames: string[];
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
    ...quietHoursOf(config),
    residentCooldownMs: (config.RESIDENT_COOLDOWN_S ?? 60) * 1000,
    roomCooldownMs: (config.ROOM_COOLDOWN_S ?? 5) * 1000,
    backlogMs: 5 * 60_000,
    ...over,
  };
}
