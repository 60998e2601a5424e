import { z } from 'zod';
import type { Case } from '../../cases/schema.js';

/** A resident's message: `room` is a room topic or "private". */
export const MessageLine = z.object({
  room: z.string().min(1),
  from: z.string().min(1),
  text: z.string(),
  mentioned: z.boolean().optional(),
  id: z.union([z.string().min(1), z.number()]).optional(),
});

/** A person of village.json acting on a case (`advisor` is the older name of `staff`): answer or close it. */
export const StaffLine = z
  .object({
    staff: z.string().min(1).optional(),
    advisor: z.string().min(1).optional(),
    /** "last" (the newest case of this run) or a case number. */
    case: z.string().min(1),
    reply: z.string().min(1).optional(),
    internal: z.boolean().optional(),
    close: z.string().min(1).optional(),
  })
  .refine((l) => (l.staff ?? l.advisor) !== undefined && (l.reply !== undefined || l.close !== undefined));

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `{"wait":"36h"}`, `"90m"` or `"3d"`: how far the clock moves, firing every timer due on the way. */
export const WaitLine = z.object({
  wait: z
    .string()
    .regex(/^\d+(\.\d+)?[mhd]$/, 'a duration such as "90m", "36h" or "3d"')
    .transform((w) => Number(w.slice(0, -1)) * UNIT_MS[w.at(-1) as keyof typeof UNIT_MS]),
});

/** One case in the closing `cases` line (Contract 1). */
export const caseLine = (c: Case) => ({
  number: c.number,
  village: c.village,
  intent: c.intent,
  urgent: c.urgent,
  status: c.status,
  resident: c.resident.name,
  owner: c.owner?.name ?? null,
  satisfaction: c.survey?.answer ?? null,
});
