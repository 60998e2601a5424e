import type { Case } from '../cases/schema.js';
import { HttpError } from './errors.js';

export interface StatsRange {
  /** Inclusive day, YYYY-MM-DD (UTC). */
  from?: string | undefined;
  /** Inclusive day, YYYY-MM-DD (UTC). */
  to?: string | undefined;
}

export interface WeekPoint {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  received: number;
  responded: number;
  resolved: number;
}

export interface Stats {
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
const DAY = 24 * HOUR;

/** The longest range the figures are computed for: two years, week by week, is about 105 points. */
export const MAX_STATS_DAYS = 731;

/**
 * The received-at window to read cases for, or a 400 when the range is backwards or longer than two years
 * (refused rather than clamped, so a township never reads a total for a shorter span than it asked for).
 * Without `from`, every case up to `to` (or now) counts, and the weekly series shows the last weeks only.
 */
export function statsWindow(range: StatsRange, now = Date.now()): { from: Date; to: Date } {
  const from = range.from ? Date.parse(`${range.from}T00:00:00Z`) : 0;
  const to = range.to ? Date.parse(`${range.to}T00:00:00Z`) + DAY : now + 60_000;
  if (range.from && range.to && from >= to) {
    throw new HttpError(400, 'invalid request: from is after to', '开始日期不能晚于结束日期。');
  }
  if (range.from && Math.min(to, now) - from > MAX_STATS_DAYS * DAY) {
    throw new HttpError(
      400,
      `invalid request: the range from ${range.from} is longer than ${MAX_STATS_DAYS} days`,
      '统计时间段最长两年，请缩短开始日期和结束日期之间的时间。',
    );
  }
  return { from: new Date(from), to: new Date(to) };
}

function mondayOf(ms: number): string {
  const d = new Date(ms);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}

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

/** The committee's figures for cases received in the range; `weeks` covers at least the last `minWeeks` weeks. */
export function computeStats(all: readonly Case[], range: StatsRange = {}, now = Date.now(), minWeeks = 8): Stats {
  const from = range.from ? Date.parse(`${range.from}T00:00:00Z`) : Number.NEGATIVE_INFINITY;
  const to = range.to ? Date.parse(`${range.to}T00:00:00Z`) + DAY : Number.POSITIVE_INFINITY;
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
  const end = Math.min(to, now);
  const start = Number.isFinite(from) ? from : end - (minWeeks - 1) * 7 * DAY;
  for (let t = start; t <= end; t += 7 * DAY) {
    const week = mondayOf(t);
    weeks.set(week, { week, received: 0, responded: 0, resolved: 0 });
  }
  const week = (ms: number) => {
    const key = mondayOf(ms);
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
  };
}
