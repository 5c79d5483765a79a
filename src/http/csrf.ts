import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Request, Response } from 'express';
import { csrfFailed } from './app-error.js';

const COOKIE = 'sipas_csrf';

/**
 * CSRF by double submit: a random token lives in an httpOnly, SameSite=Strict cookie and every
 * form carries it back in `_csrf`. A page on another site can neither read the cookie nor set it,
 * so it cannot produce a matching pair. Works without JavaScript and without a login.
 */
export function csrfToken(req: Request, res: Response, secure: boolean): string {
  const existing = (req.cookies as Record<string, string> | undefined)?.[COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  (req.cookies as Record<string, string>)[COOKIE] = token;
  return token;
}

/**
 * A fresh token after signing in (and out): a token planted before login (login CSRF, a
 * shared computer) stops working. Returns the new token for the next form.
 */
export function rotateCsrfToken(req: Request, res: Response, secure: boolean): string {
  const token = randomBytes(24).toString('base64url');
  res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  (req.cookies as Record<string, string>)[COOKIE] = token;
  return token;
}

/** Refuses any state-changing request whose `_csrf` field (or x-csrf-token header) does not match. */
export const verifyCsrf: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const cookie = (req.cookies as Record<string, string> | undefined)?.[COOKIE] ?? '';
  const body = req.body as Record<string, unknown> | undefined;
  const raw = body?._csrf ?? req.get('x-csrf-token');
  // Only a string counts: `_csrf[]=…` or a JSON object must not be stringified into a match.
  const sent = typeof raw === 'string' ? raw : '';
  const a = Buffer.from(cookie);
  const b = Buffer.from(sent);
  if (cookie === '' || a.length !== b.length || !timingSafeEqual(a, b)) return next(csrfFailed());
  next();
};
