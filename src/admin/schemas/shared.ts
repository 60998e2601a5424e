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

/** A person picked in a page's select as "kind:name" (改派, 调解人), read as `{ kind, name }`. */
export const personPick = <E extends z.ZodEnum>(kinds: E) =>
  z
    .string()
    .max(100)
    .transform((value, ctx) => {
      const [kind, name] = value.split(/:(.*)/s);
      const known = kinds.safeParse(kind);
      if (known.success && name) return { kind: known.data, name };
      ctx.addIssue({ code: 'custom', message: `must be "<${kinds.options.join('|')}>:<name>"` });
      return z.NEVER;
    });
