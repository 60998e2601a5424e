import { wallClock } from '../config/clock.js';

/** Calendar parts of an instant in the village's time zone (a case opened at 23:30 Beijing time belongs to that day). */
export interface LocalDay {
  /** yyyymmdd, e.g. "20261121": part of keys and ids, so numbers never collide across years. */
  ymd: string;
  /** mmdd, e.g. "1121": the short form residents read in a case number. */
  mmdd: string;
}

export function localDay(at: Date, timeZone: string): LocalDay {
  const { year, month, day } = wallClock(at, timeZone);
  return { ymd: `${year}${month}${day}`, mmdd: `${month}${day}` };
}

/** The number a resident quotes: prefix, month-day, a sequence of at least three digits (XH-1121-007). */
export function formatCaseNumber(prefix: string, day: LocalDay, seq: number): string {
  return `${prefix}-${day.mmdd}-${String(seq).padStart(3, '0')}`;
}

/** The stable id behind a number: the same parts with the year, so it is unique for ever and safe in URLs. */
export function caseIdFor(prefix: string, day: LocalDay, seq: number): string {
  return `${prefix}-${day.ymd}-${String(seq).padStart(3, '0')}`;
}
