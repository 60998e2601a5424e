import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * The bot's WeChat login as the admin page shows it: the QR code to scan while logged out, the account once
 * online. The bot writes it, the admin service reads it; they meet here, in Redis, never in each other's code.
 */
export const LoginStateSchema = z.object({
  state: z.enum(['starting', 'scan', 'online', 'offline']),
  /** The text to draw as a QR code (a login URL) while `state` is "scan". */
  qrcode: z.string().optional(),
  user: z.string().optional(),
  at: z.string(),
});
export type LoginState = z.infer<typeof LoginStateSchema>;

const loginKey = (prefix: string) => `${prefix}:bot:login`;

export async function writeLoginState(redis: Redis, prefix: string, state: Omit<LoginState, 'at'>): Promise<void> {
  await redis.set(loginKey(prefix), JSON.stringify({ ...state, at: new Date().toISOString() }));
}

/** The last login state the bot wrote, or null when no bot has started under this prefix. */
export async function readLoginState(redis: Redis, prefix: string): Promise<LoginState | null> {
  const raw = await redis.get(loginKey(prefix));
  if (!raw) return null;
  const parsed = LoginStateSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
