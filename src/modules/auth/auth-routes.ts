import { Router } from 'express';
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
import { landingPath, loginPageModel, safeNext, type LoginErrors } from './login-page.js';
import { langOf } from '../../i18n/lang.js';

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

  // Counts only refused attempts (status >= 400) per client address: staff who sign in
  // correctly are never slowed down; spraying passwords over many usernames is.
  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.config.loginFailuresPer15Min,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooManyRequests('Too many failed sign-ins from this address; please wait 15 minutes.')),
  });

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

  router.post('/login', limiter, verifyCsrf, async (req, res) => {
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
    setSessionCookie(res, deps.config, startSession(deps.db, result.user.id, deps.now()));
    rotateCsrfToken(req, res, secure);
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
