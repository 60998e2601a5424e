/**
 * The one source of "now". Every decision takes the time from a clock passed in, never from `Date.now()`, so a test
 * or `simulate` can set the hour (quiet hours, SLA deadlines, case numbers) and move it. `timeZone` is the
 * deployment's TIMEZONE: local days and hours are read in it.
 */
export interface Clock {
  now(): Date;
  readonly timeZone: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The machine's clock. */
export function systemClock(timeZone = DEFAULT_TIME_ZONE): Clock {
  return { now: () => new Date(), timeZone };
}

/** A clock that stands still until moved: tests and simulations. */
export class ManualClock implements Clock {
  private at: number;

  constructor(
    start: Date | string,
    readonly timeZone = DEFAULT_TIME_ZONE,
  ) {
    this.at = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.at += ms;
  }
}

/** An instant's calendar date and time of day as read in a time zone, zero-padded ("2026", "12", "02", "01", "30"). */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Where the hands of a clock in `timeZone` stand at `at`: case numbers, deadlines, quiet hours, pages and CSV all
 * read local time through this one formatter per zone (building one costs more than formatting a page with it).
 */
export function wallClock(at: Date | number, timeZone: string): WallClock {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormatters.set(timeZone, f);
  }
  const out: WallClock = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of f.formatToParts(at)) if (p.type in out) out[p.type as keyof WallClock] = p.value;
  return out;
}
