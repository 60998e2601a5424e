import { z } from 'zod';

export const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const LoginForm = z.object({
  username: z.string().max(64).default(''),
  password: z.string().max(200).default(''),
  next: z.string().max(500).default('/inbox'),
});
export const LoginPageQuery = z.object({ next: z.string().max(500).default('/inbox') });
