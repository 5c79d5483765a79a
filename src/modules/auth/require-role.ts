import type { RequestHandler } from 'express';
import { forbidden, unauthorized } from '../../http/app-error.js';
import { currentUser, type Role } from './current-user.js';

/**
 * Lets the request through only for a signed-in user with one of the roles (admin always).
 * A browser without a session is sent to the login page and brought back afterwards.
 */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(res);
    if (!user) {
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      next(unauthorized());
      return;
    }
    if (user.role !== 'admin' && !allowed.includes(user.role)) {
      next(forbidden());
      return;
    }
    next();
  };
}
