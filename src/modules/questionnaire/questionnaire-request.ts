import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseLang, type Lang } from '../../i18n/lang.js';
import { normaliseCode } from '../access-codes/access-code-format.js';

// What the respondent's pages read from a request: the language, the draft cookie, the access
// code typed, and the mark of a page reached from the review.

export const DRAFT_COOKIE = 'sipas_draft';
const LANG_COOKIE = 'sipas_lang';

export const Params = z.object({ surveyId: z.string().max(100) });
export const PageParams = Params.extend({ n: z.coerce.number().int().min(1).max(1000) });
export const ReceiptParams = Params.extend({ receipt: z.string().regex(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
export const Nav = z.object({ nav: z.enum(['next', 'back', 'lang', 'review']).catch('next') });
export const StartBody = z.object({ code: z.string().max(100).optional() });

export function setLang(res: Response, lang: Lang, secure: boolean): void {
  res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 365 * 86_400_000 });
}

/** ?lang= switches and is remembered (when `res` is given); otherwise the remembered choice, Vietnamese by default. */
export function langOf(req: Request, res?: Response, secure = false): Lang {
  const asked = parseLang(req.query.lang);
  if (asked && res) setLang(res, asked, secure);
  return asked ?? parseLang((req.cookies as Record<string, string | undefined>)[LANG_COOKIE]) ?? 'vi';
}

export function draftTokenOf(req: Request): string | null {
  const token = (req.cookies as Record<string, string | undefined>)[DRAFT_COOKIE];
  return token && token.length <= 100 ? token : null;
}

/** The access code typed on the start page, reduced to its symbols (any text when it is no code). */
export function codeKey(req: Request): string | null {
  const typed = StartBody.safeParse(req.body ?? {}).data?.code;
  if (!typed) return null;
  return normaliseCode(typed) ?? typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** A page reached with "Change" from the review: `?review=1` on GET, the hidden field on POST. */
export function fromReview(req: Request): boolean {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return req.query.review === '1' || body.review === '1';
}
