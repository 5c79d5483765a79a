import type { CookieOptions, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app.js';
import type { Config } from '../../config.js';
import { ABSOLUTE_TIMEOUT_MS } from './session-policy.js';
import { resolveSession } from './session-tokens.js';

export const SESSION_COOKIE = 'sipas_session';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure behind
 * HTTPS. The cookie lives no longer than the session's absolute expiry; idle expiry is
 * checked on the server, where it can't be tampered with.
 */
export function sessionCookieOptions(config: Config): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: ABSOLUTE_TIMEOUT_MS };
}

export function setSessionCookie(res: Response, config: Config, token: string): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(config));
}

export function clearSessionCookie(res: Response, config: Config): void {
  const { maxAge: _maxAge, ...options } = sessionCookieOptions(config);
  res.clearCookie(SESSION_COOKIE, options);
}

export function sessionToken(cookies: unknown): string | undefined {
  return (cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
}

/**
 * Sets `res.locals.user` (a CurrentUser, or null) on every request. An unknown, idle or
 * expired session cookie is cleared, so the browser stops sending it.
 */
export function loadSession(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const token = sessionToken(req.cookies);
    const user = resolveSession(deps.db, token, deps.now());
    if (token !== undefined && user === null) clearSessionCookie(res, deps.config);
    res.locals.user = user;
    next();
  };
}
