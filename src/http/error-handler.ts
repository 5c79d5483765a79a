import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { langOf, pick, type Lang } from '../i18n/lang.js';
import { textsIn, type Texts } from '../i18n/texts.js';
import { AppError, badRequest, errorTexts, notFound } from './app-error.js';
import { siteT } from './site-texts.js';

const errorT: Readonly<Record<Lang, Texts<typeof errorTexts>>> = { vi: textsIn(errorTexts, 'vi'), en: textsIn(errorTexts, 'en') };

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound(errorTexts.noPage));

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Where the error page leads back to: a signed-in user's start page (set by the session middleware), else the home page. */
interface ErrorLocals {
  userMenu?: { home: string };
}

/** The one error handler: HTML for browsers (in the page's language), JSON for API clients; a stack only in development. */
export function errorHandler(logger: Logger, showStack: boolean): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    // Routes zod-parse their input with .parse(): a body or query of the wrong shape is the client's mistake.
    else if (err instanceof ZodError)
      appError = badRequest(
        errorTexts.unreadable,
        err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    else if ((err as BodyParserError)?.type === 'entity.too.large') appError = new AppError(413, 'payload_too_large', errorTexts.tooLarge);
    else if ((err as BodyParserError)?.status === 400) appError = new AppError(400, 'bad_request', errorTexts.unreadable);
    else {
      // The path only: query strings can carry access codes.
      logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
      appError = new AppError(500, 'internal_error', errorTexts.internal);
    }
    if (res.headersSent) return;
    const stack = showStack && appError.status >= 500 && err instanceof Error ? err.stack : undefined;
    res.status(appError.status);
    if (req.accepts(['html', 'json']) === 'json' || req.path.startsWith('/api/')) {
      res.json({ error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) } });
      return;
    }
    const home = (res.locals as ErrorLocals).userMenu?.home;
    // In the language the page was asked in (Vietnamese unless ?lang=en), for staff and respondents alike.
    const lang = langOf(req);
    const t = errorT[lang];
    res.render('partials/error', {
      status: appError.status,
      code: appError.code,
      message: pick(appError.text, lang),
      stack,
      lang,
      // Given here too: the handler may serve an app other than ours (no app.locals).
      site: siteT,
      title: t('errorTitle', { status: appError.status }),
      heading: t('sorry'),
      back: { href: `${home ?? '/'}${lang === 'en' ? '?lang=en' : ''}`, label: t(home ? 'toMyStart' : 'toStart') },
    });
  };
}
