import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { join } from 'node:path';
import { SECURE_COOKIES_SETTING } from './http/csrf.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requestLogger } from './http/request-logger.js';
import { siteT } from './http/site-texts.js';
import { homeRouter } from './modules/home/home-routes.js';
import { RULES_SCRIPT_PATH, rulesScript } from './modules/keying/rules-script.js';
import { questionnaireRouter } from './modules/questionnaire/questionnaire-routes.js';
import { loadSession } from './modules/auth/session-middleware.js';
import { authRouter } from './modules/auth/auth-routes.js';
import { responseRouter } from './modules/responses/response-routes.js';
import { keyingRouter } from './modules/keying/keying-routes.js';
import { scanRouter } from './modules/scanning/scan-routes.js';
import { analysisRouter } from './modules/analysis/analysis-routes.js';
import { microdataRouter } from './modules/exports/microdata-routes.js';
import { importRouter } from './modules/imports/import-routes.js';
import { conflictRouter } from './modules/conflicts/conflict-routes.js';
import { qualityRouter } from './modules/quality/quality-routes.js';
import { placeListRouter } from './modules/places/place-list-routes.js';
import type { AppDeps } from './app-deps.js';

/**
 * Each capability contributes one router; kept in one list so the app's shape is visible here.
 * The respondents' pages come first: they are most of the requests, and each router a request
 * passes is asked to match it.
 */
const routers: Array<(deps: AppDeps) => Router> = [
  questionnaireRouter,
  homeRouter,
  authRouter,
  responseRouter,
  keyingRouter,
  scanRouter,
  analysisRouter,
  microdataRouter,
  importRouter,
  conflictRouter,
  qualityRouter,
  placeListRouter,
];

/**
 * Runs the body parsers in turn, but not for GET and HEAD: those carry no body, and they are most
 * of the traffic (every questionnaire page), where asking two parsers for nothing is a measurable
 * share of a page's cost.
 */
function parseBodies(...parsers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    let i = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined || i === parsers.length) return next(error);
      parsers[i++]!(req, res, step);
    };
    step();
  };
}

/** Builds the express app; no listen, no environment reads: everything comes in `deps`. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on pages (a hash of every page sent): staff pages are no-store and respondents' pages
  // personal, so none is ever revalidated. Static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.set(SECURE_COOKIES_SETTING, deps.config.secureCookies);
  // X-Forwarded-For is believed only from the proxies the operator named: anyone can send the header.
  app.set('trust proxy', deps.config.trustProxy);
  app.set('view engine', 'ejs');
  // Compiled templates are kept (express does so only when NODE_ENV=production); a developer edits views live.
  app.set('view cache', deps.config.env !== 'development');
  app.set('views', join(deps.root, 'views'));
  // The shared header and footer read their words here, whichever module's page includes them.
  app.locals.site = siteT;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          // Inline event handlers (onclick=…) are script too: none, whatever script-src says.
          scriptSrcAttr: ["'none'"],
          ...(deps.config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: deps.config.secureCookies,
    }),
  );
  app.use(cookieParser());
  // Bodies are small forms; anything bigger is refused with 413 before it is read.
  app.use(parseBodies(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 2000 }), express.json({ limit: '64kb' })));
  const staticMaxAge = deps.config.env === 'production' ? 86_400 : 0;
  // The rule evaluator the keying screen imports: compiled from src/, not kept in views/static.
  app.get(RULES_SCRIPT_PATH, rulesScript(staticMaxAge));
  app.use('/static', express.static(join(deps.root, 'views', 'static'), { maxAge: staticMaxAge * 1000 }));
  app.get('/favicon.ico', (_req, res) => res.sendFile(join(deps.root, 'views', 'static', 'favicon.ico')));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // Pages only (not static files); logs no query, body or cookie.
  app.use(requestLogger(deps.logger));
  // After static files (no session lookup for CSS), before every router: sets res.locals.user.
  app.use(loadSession(deps));
  for (const make of routers) app.use(make(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger, deps.config.env === 'development'));
  return app;
}
