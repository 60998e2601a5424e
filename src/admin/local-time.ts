import { wallClock } from '../config/clock.js';

/**
 * Wall-clock time in the deployment's TIMEZONE, for what staff read (pages, stats buckets, CSV exports). Instants
 * stay ISO/UTC in the store; only what is shown or grouped by day is local.
 */

const DAY = 86_400_000;

/** "2026-12-02 01:30": an instant as staff in `timeZone` read it; "" for a missing one. */
export function localTime(at: string | Date | number | null | undefined, timeZone: string): string {
  if (at === null || at === undefined || at === '') return '';
  const p = wallClock(typeof at === 'string' ? Date.parse(at) : at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2026-12-02": the calendar day of an instant in `timeZone`. */
export function localDate(at: Date | number, timeZone: string): string {
  const p = wallClock(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The calendar day `n` days after `day` (both YYYY-MM-DD); calendar arithmetic, so DST never shifts it. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The Monday of the week holding `day` (YYYY-MM-DD). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The instant local midnight begins `day` in `timeZone` (ms since the epoch). */
export function startOfDay(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at a guess, then again at the corrected instant: right across a DST change too.
  let at = utcMidnight;
  for (let i = 0; i < 2; i++) {
    const p = wallClock(at, timeZone);
    const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    at -= wall - utcMidnight;
  }
  return at;
}
