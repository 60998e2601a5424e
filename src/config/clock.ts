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
