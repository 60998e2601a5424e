import { z } from 'zod';
import { emptyAsUndefined } from './shared.js';

const DateParam = z.iso.date().optional();
export const StatsQuery = z.object({ village: z.string().max(64).optional(), from: DateParam, to: DateParam });
export const DashboardQuery = z.object({
  village: z.preprocess(emptyAsUndefined, StatsQuery.shape.village),
  from: z.preprocess(emptyAsUndefined, StatsQuery.shape.from),
  to: z.preprocess(emptyAsUndefined, StatsQuery.shape.to),
});
