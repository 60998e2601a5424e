import type { Case } from '../cases/schema.js';
import { HttpError } from './errors.js';
import { addDays, localDate, mondayOf, startOfDay } from './local-time.js';
import { type LoopFigures, loopFigures } from './stats-loop.js';

export interface StatsRange {
  /** Inclusive day, YYYY-MM-DD in the deployment's time zone. */
  from?: string | undefined;
  /** Inclusive day, YYYY-MM-DD in the deployment's time zone. */
  to?: string | undefined;
}

/** The instants a range of local days covers: [from, to). */
export function rangeBounds(range: StatsRange, timeZone: string): { from: number; to: number } {
  return {
    from: range.from ? startOfDay(range.from, timeZone) : Number.NEGATIVE_INFINITY,
    to: range.to ? startOfDay(addDays(range.to, 1), timeZone) : Number.POSITIVE_INFINITY,
  };
}

/** The longest range the figures are computed for: two years, week by week, is about 105 points. */
export const MAX_STATS_DAYS = 731;

const calendarDays = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * The received-at window to read cases for, or a 400 when the range is backwards or longer than two years
 * (refused rather than clamped, so a township never reads a total for a shorter span than it asked for). A `to`
 * in the future counts up to today. Without `from`, every case up to `to` counts, and the weekly series shows
 * the last weeks only.
 */
export function statsWindow(range: StatsRange, timeZone: string, now: number): { from: Date; to: Date } {
  if (range.from && range.to && range.from > range.to) {
    throw new HttpError(400, 'invalid request: from is after to', '开始日期不能晚于结束日期。');
  }
  const today = localDate(now, timeZone);
  const last = range.to && range.to < today ? range.to : today;
  if (range.from && calendarDays(range.from, last) >= MAX_STATS_DAYS) {
    throw new HttpError(
      400,
      `invalid request: the range from ${range.from} is longer than ${MAX_STATS_DAYS} days`,
      '统计时间段最长两年，请缩短开始日期和结束日期之间的时间。',
    );
  }
  const bounds = rangeBounds(range, timeZone);
  return {
    from: new Date(Number.isFinite(bounds.from) ? bounds.from : 0),
    to: new Date(Number.isFinite(bounds.to) ? bounds.to : now + 60_000),
  };
}

export interface WeekPoint {
  /** Monday of the week in the deployment's time zone, YYYY-MM-DD. */
  week: string;
  received: number;
  responded: number;
  resolved: number;
}

export interface Stats extends LoopFigures {
  total: number;
  byIntent: Record<string, number>;
  byStatus: Record<string, number>;
  byVillage: Record<string, number>;
  /** 响应率: share of cases with a first response. */
  responseRate: number;
  /** 解决率: share of cases resolved (closed). */
  resolutionRate: number;
  firstResponseHours: { mean: number | null; median: number | null };
  resolutionHours: { mean: number | null; median: number | null };
  weeks: WeekPoint[];
}

const HOUR = 3_600_000;

function summary(values: number[]): { mean: number | null; median: number | null } {
  if (values.length === 0) return { mean: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { mean: round(mean), median: round(median) };
}

const round = (n: number) => Math.round(n * 100) / 100;
const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

export interface StatsClock {
  now: number;
  /** The deployment's TIMEZONE: days and weeks are counted as the village lives them. */
  timeZone: string;
  minWeeks?: number;
}

/** The committee's figures for cases received in the range; `weeks` covers at least the last `minWeeks` weeks. */
export function computeStats(all: readonly Case[], range: StatsRange, clock: StatsClock): Stats {
  const { timeZone, minWeeks = 8 } = clock;
  const { from, to } = rangeBounds(range, timeZone);
  const cases = all.filter((c) => {
    const at = Date.parse(c.receivedAt);
    return at >= from && at < to;
  });
  const byIntent: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const byVillage: Record<string, number> = {};
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  const weeks = new Map<string, WeekPoint>();
  const end = Math.min(to - 1, clock.now);
  const lastWeek = mondayOf(localDate(end, timeZone));
  let week0 = Number.isFinite(from) ? mondayOf(localDate(from, timeZone)) : addDays(lastWeek, -7 * (minWeeks - 1));
  for (; week0 <= lastWeek; week0 = addDays(week0, 7)) {
    weeks.set(week0, { week: week0, received: 0, responded: 0, resolved: 0 });
  }
  const week = (ms: number) => {
    const key = mondayOf(localDate(ms, timeZone));
    let point = weeks.get(key);
    if (!point) {
      point = { week: key, received: 0, responded: 0, resolved: 0 };
      weeks.set(key, point);
    }
    return point;
  };
  for (const c of cases) {
    count(byIntent, c.intent);
    count(byStatus, c.status);
    count(byVillage, c.village);
    const received = Date.parse(c.receivedAt);
    week(received).received++;
    if (c.firstResponseAt) {
      firstResponse.push((Date.parse(c.firstResponseAt) - received) / HOUR);
      week(Date.parse(c.firstResponseAt)).responded++;
    }
    if (c.resolvedAt) {
      resolution.push((Date.parse(c.resolvedAt) - received) / HOUR);
      week(Date.parse(c.resolvedAt)).resolved++;
    }
  }
  const total = cases.length;
  return {
    total,
    byIntent,
    byStatus,
    byVillage,
    responseRate: total ? round(firstResponse.length / total) : 0,
    resolutionRate: total ? round(resolution.length / total) : 0,
    firstResponseHours: summary(firstResponse),
    resolutionHours: summary(resolution),
    weeks: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
    ...loopFigures(cases),
  };
}
