import { UserFacingError } from '../config/errors.js';

/** An error meant for the user: an HTTP status, an English `error` for programs and a Chinese `message` for people. */
export class HttpError extends UserFacingError {
  override name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly error: string,
    chinese: string,
  ) {
    super(error, chinese, statusCode);
  }
}

export const notFound = () => new HttpError(404, 'Not Found', '没有找到这个页面或案件。');
