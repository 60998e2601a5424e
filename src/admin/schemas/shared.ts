import { z } from 'zod';

/** A query flag as programs write it: true/1/on or false/0/off. */
export const flag = z.stringbool({ truthy: ['true', '1', 'on'], falsy: ['false', '0', 'off'] });
/** An HTML checkbox: present and "on" when ticked, absent otherwise. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');
/** An empty select or text field of a GET form means "no filter". */
export const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
export const IdParams = z.object({ id: z.string().min(1).max(100) });
