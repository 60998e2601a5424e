import { type BotPolicy, inQuietHours } from './policy.js';

const HOUR = 3_600_000;

/** When the quiet hours around `at` end (the next whole hour outside them); `at` itself when it is not in them. */
export function quietEnds(at: Date, policy: Pick<BotPolicy, 'quiet' | 'timeZone'>): Date {
  if (!inQuietHours(at, policy)) return at;
  let t = Math.ceil(at.getTime() / HOUR) * HOUR;
  for (let i = 0; i < 24 && inQuietHours(new Date(t), policy); i++) t += HOUR;
  return new Date(t);
}
