import { z } from 'zod';
import { RoleSchema } from '../users.js';

/** A checkbox list posts one value or several under the same name. */
const list = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().min(1).max(64)).max(100),
);

export const NewUserForm = z.object({
  username: z.string().regex(/^[\p{L}\p{N}_.-]{2,32}$/u, '2–32 letters, digits, "_", "." or "-"'),
  displayName: z.string().trim().max(50).default(''),
  role: RoleSchema,
  password: z.string().min(8, 'at least 8 characters').max(200),
  villages: list,
  township: z.string().trim().max(50).default(''),
});
export const UsernameParams = z.object({ username: z.string().min(1).max(64) });
export const DisableForm = z.object({ disabled: z.enum(['true', 'false']) });
export const PasswordForm = z.object({ password: z.string().min(8, 'at least 8 characters').max(200) });
export const UsersPageQuery = z.object({ done: z.string().max(20).optional() });
