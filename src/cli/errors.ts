import { UserFacingError } from '../config/errors.js';

/** A mistake in how the command was called: printed without a stack, exit code 2. */
export class UsageError extends UserFacingError {
  override name = 'UsageError';

  constructor(message: string) {
    super(message, '命令用法有误。');
  }
}

// Errors from modules the command line loads lazily (a village file, a template, a setting): their message says
// what is wrong and how to fix it, and they are matched by name, because importing them here would load them all.
const FOR_A_PERSON = new Set([
  'ConfigError',
  'VillageError',
  'RulesError',
  'GuideError',
  'RoutingError',
  'TemplateError',
  'UserError',
  'RedisUnavailableError',
]);

/** What the command line prints for a failure, and its exit code: a person's error without a stack, else the stack. */
export function describeFailure(err: unknown): { text: string; code: number } {
  if (err instanceof UsageError) return { text: err.message, code: 2 };
  if (err instanceof UserFacingError) return { text: `${err.message}\n${err.chinese}`, code: 1 };
  if (err instanceof Error && FOR_A_PERSON.has(err.name)) return { text: err.message, code: 1 };
  return { text: String((err as Error)?.stack ?? err), code: 1 };
}
