import type { Response } from 'express';

/**
 * Sends a 303 to a path of this site: what `res.redirect(303, path)` sends a client that states
 * no preference, without the content negotiation express runs for the body of every redirect.
 * Respondents are sent on this way after every page they save and after they submit; no
 * browser shows the body of a 303. `path` is built by the caller from survey ids (letters,
 * digits, dashes), page numbers and receipts, which need no encoding.
 */
export function seeOther(res: Response, path: string): void {
  const body = `See Other. Redirecting to ${path}`;
  res.statusCode = 303;
  res.setHeader('location', path);
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
