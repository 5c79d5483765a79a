import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Request, Response } from 'express';
import { csrfFailed } from './app-error.js';

const PLAIN_COOKIE = 'sipas_csrf';
/** Behind HTTPS: a `__Host-` cookie can only be set by this host, over HTTPS, for the whole site. */
const HOST_COOKIE = '__Host-sipas_csrf';

export const csrfCookieName = (secure: boolean): string => (secure ? HOST_COOKIE : PLAIN_COOKIE);

/**
 * What a signed-in request's token is bound to: the session cookie's token, put on `res.locals`
 * by the session middleware once the session is found valid (undefined for nobody signed in).
 */
export function bindCsrfToSession(res: Response, sessionToken: string | undefined): void {
  (res.locals as { csrfSession?: string }).csrfSession = sessionToken;
}

const boundSession = (res: Response): string | undefined => (res.locals as { csrfSession?: string }).csrfSession;

/** The token a session's forms carry: only someone holding the (httpOnly) session token can compute it. */
export function sessionCsrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('sipas csrf').digest('base64url');
}

/**
 * CSRF tokens. Signed in, a form's token is derived from the session token, so a cookie pair
 * planted by someone else (a sibling subdomain, a shared computer) does not match it. Nobody
 * signed in (the login form, respondents), it is a double submit: a random token lives in an
 * httpOnly, SameSite=Strict cookie (`__Host-` behind HTTPS) and every form carries it back in
 * `_csrf`. The cookie also holds the session-bound token, so the form and the cookie agree.
 */
export function csrfToken(req: Request, res: Response, secure: boolean): string {
  const name = csrfCookieName(secure);
  const existing = (req.cookies as Record<string, string> | undefined)?.[name];
  const session = boundSession(res);
  if (session !== undefined) {
    const token = sessionCsrfToken(session);
    if (existing !== token) setCookie(req, res, secure, token);
    return token;
  }
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  return setCookie(req, res, secure, randomBytes(24).toString('base64url'));
}

function setCookie(req: Request, res: Response, secure: boolean, token: string): string {
  const name = csrfCookieName(secure);
  res.cookie(name, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  (req.cookies as Record<string, string>)[name] = token;
  return token;
}

/**
 * A fresh token after signing in (the new session's) or out (a random one): a token planted
 * before login (login CSRF, a shared computer) stops working. Returns the token for the next form.
 */
export function rotateCsrfToken(req: Request, res: Response, secure: boolean, newSessionToken?: string): string {
  bindCsrfToSession(res, newSessionToken);
  return setCookie(req, res, secure, newSessionToken === undefined ? randomBytes(24).toString('base64url') : sessionCsrfToken(newSessionToken));
}

/** The app setting that tells verifyCsrf which cookie to read (set from the config in createApp). */
export const SECURE_COOKIES_SETTING = 'sipas secure cookies';

/**
 * Refuses any state-changing request whose `_csrf` field (or x-csrf-token header) is not the
 * session's token (signed in) or the cookie's (nobody signed in).
 */
export const verifyCsrf: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const name = csrfCookieName(req.app.get(SECURE_COOKIES_SETTING) === true);
  const session = boundSession(res);
  const expected = session !== undefined ? sessionCsrfToken(session) : ((req.cookies as Record<string, string> | undefined)?.[name] ?? '');
  const body = req.body as Record<string, unknown> | undefined;
  const raw = body?._csrf ?? req.get('x-csrf-token');
  // Only a string counts: `_csrf[]=…` or a JSON object must not be stringified into a match.
  const sent = typeof raw === 'string' ? raw : '';
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  if (expected === '' || a.length !== b.length || !timingSafeEqual(a, b)) return next(csrfFailed());
  next();
};
