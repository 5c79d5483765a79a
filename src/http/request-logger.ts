import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * One structured line per request: method, path, status, duration, the user id. Never the
 * query string (access codes and `next=` travel there), never a body (passwords, answers),
 * never a cookie.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const user = (res.locals as { user?: { id: number } | null }).user;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, userId: user?.id ?? null };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}
