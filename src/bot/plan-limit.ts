/** New cases one resident may open in an hour; beyond it the bot answers once, then keeps quiet until the hour ends. */
export const CASES_PER_HOUR = 5;
export const CASE_LIMIT_WINDOW_S = 3600;

/** What happens to a new case: opened, refused with the one polite reply, or refused silently. */
export type LimitVerdict = 'open' | 'tell' | 'silent';

/**
 * `opened` counts this case too. An emergency is never held back; a resident over the limit hears the reason once
 * (`toldBefore` false), not once per message.
 */
export function limitVerdict(input: {
  opened: number;
  urgent: boolean;
  toldBefore: boolean;
  limit?: number;
}): LimitVerdict {
  if (input.urgent || input.opened <= (input.limit ?? CASES_PER_HOUR)) return 'open';
  return input.toldBefore ? 'silent' : 'tell';
}
