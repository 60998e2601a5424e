import { z } from 'zod';

export const SayBody = z.object({
  from: z.string().trim().min(1, 'pick a resident name').max(20),
  text: z.string().trim().min(1, 'type a message').max(5000),
  /** A room topic, or null for a private chat with the bot. */
  room: z.string().max(100).nullable(),
  mentioned: z.boolean().default(false),
});
export const ChatSinceQuery = z.object({ since: z.coerce.number().int().min(0).default(0) });
