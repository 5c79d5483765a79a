import type { CookieOptions, RequestHandler, Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import type { Config } from '../../config.js';
import { bindCsrfToSession, csrfToken } from '../../http/csrf.js';
import type { CurrentUser } from './current-user.js';
import type { BilingualText, Lang } from '../../i18n/lang.js';
import { landingPath, roleLabels, staffMenu, type MenuItem } from '../staff/staff-menu.js';
import { ABSOLUTE_TIMEOUT_MS } from './session-policy.js';
import { resolveSession } from './session-tokens.js';

export const SESSION_COOKIE = 'sipas_session';

/** What the page header shows a signed-in user: who they are, the role's menu (per language), where they start, a sign-out button. */
export interface UserMenu {
  name: string;
  role: BilingualText;
  csrf: string;
  items: Record<Lang, MenuItem[]>;
  /** The role's start page, where error pages lead back to. */
  home: string;
}

export function userMenu(user: CurrentUser, path: string, csrf: string): UserMenu {
  return {
    name: user.displayName,
    role: roleLabels[user.role],
    csrf,
    items: { vi: staffMenu(user.role, path, 'vi'), en: staffMenu(user.role, path, 'en') },
    home: landingPath(user.role),
  };
}

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
    if (user) {
      bindCsrfToSession(res, token);
      // Staff pages and downloads hold personal data: no browser or proxy may keep a copy.
      res.set('cache-control', 'no-store');
    }
    if (user) res.locals.userMenu = userMenu(user, req.path, csrfToken(req, res, deps.config.secureCookies));
    next();
  };
}
