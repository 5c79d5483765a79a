import { Router, type Request } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { tooManyRequests } from '../../http/app-error.js';
import { csrfToken, rotateCsrfToken, verifyCsrf } from '../../http/csrf.js';
import { recordAudit } from '../audit/audit-repository.js';
import { currentUser } from './current-user.js';
import { attemptLogin } from './log-in.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-middleware.js';
import { endSession, startSession } from './session-tokens.js';
import { loginPageModel, safeNext, type LoginErrors } from './login-page.js';
import { landingPath } from '../staff/staff-menu.js';
import { langOf, type BilingualText } from '../../i18n/lang.js';
import { authTexts } from './auth-texts.js';

const LoginBody = z.object({
  username: z.string().trim().max(100).default(''),
  password: z.string().max(4096).default(''),
  next: z.string().max(2000).optional(),
  lang: z.enum(['vi', 'en']).optional(),
});

/** GET/POST /login and POST /logout. */
export function authRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;

  // Count only refused attempts (status >= 400): staff who sign in correctly are never slowed
  // down. Per account, so guessing one password is slow; per address only with a ceiling high
  // enough that one office's mistakes behind its shared address lock out no one else.
  // Error pages for someone not signed in are Vietnamese; this refusal names both languages, since
  // it answers a sign-in that may have been made in English.
  const failures = (limit: number, keyGenerator: ((req: Request) => string) | undefined, text: BilingualText) =>
    rateLimit({
      windowMs: 15 * 60_000,
      limit,
      skipSuccessfulRequests: true,
      // A refusal by the other limiter is no attempt at a password.
      requestWasSuccessful: (_req, res) => res.statusCode < 400 || res.statusCode === 429,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(tooManyRequests(`${text.vi} · ${text.en}`)),
      ...(keyGenerator ? { keyGenerator } : {}),
    });
  const accountLimiter = failures(
    deps.config.loginFailuresPer15Min,
    (req) => `account:${LoginBody.safeParse(req.body ?? {}).data?.username.toLowerCase() ?? ''}`,
    authTexts.tooManyForAccount,
  );
  const addressLimiter = failures(deps.config.loginAddressFailuresPer15Min, undefined, authTexts.tooManyFromAddress);

  router.get('/login', (req, res) => {
    const lang = langOf(req);
    const next = safeNext(req.query.next);
    const user = currentUser(res);
    if (user) {
      res.redirect(303, next ?? landingPath(user.role));
      return;
    }
    res.render('auth/login', loginPageModel({ lang, csrf: csrfToken(req, res, secure), username: '', next, errors: {} }));
  });

  router.post('/login', addressLimiter, accountLimiter, verifyCsrf, async (req, res) => {
    const body = LoginBody.parse(req.body ?? {});
    const lang = langOf(req);
    const next = safeNext(body.next);
    const render = (status: number, errors: LoginErrors): void => {
      res.status(status).render('auth/login', loginPageModel({ lang, csrf: csrfToken(req, res, secure), username: body.username, next, errors }));
    };
    const errors: LoginErrors = {};
    if (body.username === '') errors.username = 'required';
    if (body.password === '') errors.password = 'required';
    if (errors.username || errors.password) return render(422, errors);

    const result = await attemptLogin(deps.db, { username: body.username, password: body.password, ip: req.ip ?? '' }, deps.now);
    // One message for every refusal: it does not tell whether the username exists or is locked.
    if (!result.ok) return render(401, { form: 'refused' });

    // Rotation: whatever session and CSRF token the browser had before are dropped.
    endSession(deps.db, sessionToken(req.cookies));
    const session = startSession(deps.db, result.user.id, deps.now());
    setSessionCookie(res, deps.config, session);
    rotateCsrfToken(req, res, secure, session);
    res.redirect(303, next ?? landingPath(result.user.role));
  });

  router.post('/logout', verifyCsrf, (req, res) => {
    const user = currentUser(res);
    endSession(deps.db, sessionToken(req.cookies));
    clearSessionCookie(res, deps.config);
    rotateCsrfToken(req, res, secure);
    if (user) recordAudit(deps.db, { userId: user.id, name: user.username }, deps.now(), { action: 'logout', entity: 'user', entityId: user.id });
    res.redirect(303, `/login${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  return router;
}
