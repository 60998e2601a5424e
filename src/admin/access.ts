import type { Village } from '../villages/schema.js';
import type { User } from './users.js';

/** The village ids a user may see: admins all, township users every village of their townships, others their list. */
export function villagesOf(user: User, villages: readonly Village[]): string[] {
  if (user.role === 'admin') return villages.map((v) => v.id);
  const mine = new Set(user.villages);
  for (const village of villages) {
    if (village.township && user.townships.includes(village.township)) mine.add(village.id);
  }
  return villages.filter((v) => mine.has(v.id)).map((v) => v.id);
}
