/**
 * Operational failures with a stable snake_case code. Routes throw these; the one error
 * handler turns them into an HTML page or JSON. Messages are for the person reading them.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown): AppError => new AppError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Please sign in.'): AppError => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have access to this.'): AppError => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Not found.'): AppError => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string): AppError => new AppError(409, code, message);
export const payloadTooLarge = (message = 'The request is too large.'): AppError => new AppError(413, 'payload_too_large', message);
export const unprocessable = (message: string, details?: unknown): AppError => new AppError(422, 'invalid_input', message, details);
export const tooManyRequests = (message = 'Too many requests; please wait a minute.'): AppError => new AppError(429, 'rate_limited', message);
export const csrfFailed = (): AppError =>
  new AppError(403, 'csrf_failed', 'The form has expired or was not sent from this site. Please reload the page and try again.');
