import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { AppError, badRequest, notFound } from './app-error.js';

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('There is no page at this address.'));

interface BodyParserError {
  type?: string;
  status?: number;
}

/** The one error handler: HTML for browsers, JSON for API clients; a stack only in development. */
export function errorHandler(logger: Logger, showStack: boolean): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    // Routes zod-parse their input with .parse(): a body or query of the wrong shape is the client's mistake.
    else if (err instanceof ZodError)
      appError = badRequest(
        'The request could not be read.',
        err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    else if ((err as BodyParserError)?.type === 'entity.too.large') appError = new AppError(413, 'payload_too_large', 'The request is too large.');
    else if ((err as BodyParserError)?.status === 400) appError = new AppError(400, 'bad_request', 'The request could not be read.');
    else {
      // The path only: query strings can carry access codes.
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
      appError = new AppError(500, 'internal_error', 'Something went wrong on our side. Please try again later.');
    }
    if (res.headersSent) return;
    const stack = showStack && appError.status >= 500 && err instanceof Error ? err.stack : undefined;
    res.status(appError.status);
    if (req.accepts(['html', 'json']) === 'json' || req.path.startsWith('/api/')) {
      res.json({ error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) } });
      return;
    }
    res.render('partials/error', { status: appError.status, code: appError.code, message: appError.message, stack, lang: 'vi' });
  };
}
