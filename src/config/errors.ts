/**
 * An error a person should read: `message` in English for logs and programs, `chinese` for the resident or the
 * staff member on the page. `status` is the HTTP status the admin service answers with; the command line prints
 * the Chinese line too and exits with 2. Everything below the shells throws these (or their subclasses) for
 * refusals, so the CLI and the HTTP error handler need to know one class.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';

  constructor(
    message: string,
    readonly chinese: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The action does not fit the thing's state (a closed case answered, a stage skipped): HTTP 409. */
export class ConflictError extends UserFacingError {
  override name = 'ConflictError';

  constructor(message: string, chinese: string) {
    super(message, chinese, 409);
  }
}

/** The person may not do this (their role or villages do not cover it): HTTP 403. */
export class ForbiddenError extends UserFacingError {
  override name = 'ForbiddenError';

  constructor(message: string, chinese: string) {
    super(message, chinese, 403);
  }
}

/** No such thing, or not one the person may see (the two answer alike): HTTP 404. */
export class NotFoundError extends UserFacingError {
  override name = 'NotFoundError';

  constructor(message: string, chinese = '没有找到这个页面或案件。') {
    super(message, chinese, 404);
  }
}
