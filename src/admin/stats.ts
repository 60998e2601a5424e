import type { Case } from '../cases/schema.js';
import { addDays, localDate, mondayOf, startOfDay } from './local-time.js';

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

export interface WeekPoint {
  /** Monday of the week in the deployment's time zone, YYYY-MM-DD. */
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
  };
}
