import { Router, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { AppError, notFound, tooManyRequests } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { DRAFT_DAYS } from './purge-drafts.js';
import { seeOther } from '../../http/see-other.js';
import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers } from '../rules/check-answers.js';
import { findResponseByReceipt } from '../responses/response-repository.js';
import { findDraft, saveDraftAnswers, type Draft } from './draft-repository.js';
import { askedOnPage, mergePage, nextPage, pageCodes, pageVariables, readPageAnswers } from './page-answers.js';
import { buildReviewModel } from './review-view-model.js';
import { draftIdOf, draftSurvey, startQuestionnaire } from './start-questionnaire.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { workHere } from './questionnaire-thread.js';
import { pageRenderer, pageTrees, pageUrl, renderPage, surveyLocals, surveyTrees } from './show-page.js';
import { withholdUnoffered } from './place-levels.js';
import { normaliseCode } from '../access-codes/access-code-format.js';
import { say } from './ui-texts.js';
import { locale, parseLang, type Lang } from '../../i18n/lang.js';

const DRAFT_COOKIE = 'sipas_draft';
const LANG_COOKIE = 'sipas_lang';
/** What `res.type('html')` sets, without its look-up in the MIME table on every page. */
const HTML = 'text/html; charset=utf-8';

const Params = z.object({ surveyId: z.string().max(100) });
const PageParams = Params.extend({ n: z.coerce.number().int().min(1).max(1000) });
const ReceiptParams = Params.extend({ receipt: z.string().regex(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
const Nav = z.object({ nav: z.enum(['next', 'back', 'lang']).catch('next') });
const StartBody = z.object({ code: z.string().max(100).optional() });

/** Respondent pages: start (access code), one page per section, review, submit, thank-you. */
export function questionnaireRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;
  // The pages show a respondent's answers (name, address): no browser or proxy keeps a copy, so
  // Back on a shared phone after sending shows nothing, and a page always shows the saved draft.
  router.use('/s', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  // Respondents behind one carrier address are many: each draft and each access code gets its
  // own allowance, and the address only a high ceiling. 0 turns a limit off (load tests).
  const perMinute = (limit: number, keyGenerator?: (req: Request) => string | null): RequestHandler =>
    limit > 0
      ? rateLimit({
          windowMs: 60_000,
          limit,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          handler: (req, _res, next) => next(tooManyRequests(say(langOf(req), 'rateLimited'))),
          // Without a code or a draft, only the address's ceiling applies.
          skip: (req) => keyGenerator?.(req) === null,
          ...(keyGenerator ? { keyGenerator: (req: Request) => keyGenerator(req) ?? '' } : {}),
        })
      : (_req, _res, next) => next();
  const addressCeiling = perMinute(deps.config.submitAddressRatePerMinute);
  const perCode = perMinute(deps.config.submitRatePerMinute, (req) => {
    const code = codeKey(req);
    return code === null ? null : `code:${code}`;
  });
  const perDraft = perMinute(deps.config.submitRatePerMinute, (req) => {
    const token = draftTokenOf(req);
    return token === null ? null : `draft:${token}`;
  });
  // Guessing codes: every wrong code counts against the code's first group (one attacker spread
  // over many addresses) and against the address; a right code is not counted.
  const wrongCodes = (limit: number, keyGenerator?: (req: Request) => string): RequestHandler =>
    rateLimit({
      windowMs: 15 * 60_000,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      requestWasSuccessful: (_req, res) => res.statusCode !== 422,
      skipSuccessfulRequests: true,
      handler: (req, _res, next) => next(tooManyRequests(say(langOf(req), 'codeGuessLimited'))),
      ...(keyGenerator ? { keyGenerator } : {}),
    });
  const wrongCodePerPrefix = wrongCodes(deps.config.codeFailuresPer15Min, (req) => `prefix:${(codeKey(req) ?? '').slice(0, 5)}`);
  const wrongCodePerAddress = wrongCodes(deps.config.codeAddressFailuresPer15Min);

  const surveyOf = (req: Request): Survey => {
    const { surveyId } = Params.parse(req.params);
    const survey = deps.surveys.byId.get(surveyId);
    if (!survey) throw notFound();
    return survey;
  };
  /** The access code typed on the start page, reduced to its symbols (any text when it is no code). */
  const codeKey = (req: Request): string | null => {
    const typed = StartBody.safeParse(req.body ?? {}).data?.code;
    if (!typed) return null;
    return normaliseCode(typed) ?? typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  };
  const draftTokenOf = (req: Request): string | null => {
    const token = (req.cookies as Record<string, string | undefined>)[DRAFT_COOKIE];
    return token && token.length <= 100 ? token : null;
  };
  const draftOf = (req: Request, survey: Survey): { draft: Draft; survey: Survey } | null => {
    const token = draftTokenOf(req);
    if (!token) return null;
    const draft = findDraft(deps.db, draftIdOf(token), survey.id);
    if (!draft) return null;
    return { draft, survey: draftSurvey(deps.surveys, draft) ?? survey };
  };
  const requireDraft = (req: Request, survey: Survey): { draft: Draft; survey: Survey } => {
    const found = draftOf(req, survey);
    if (!found) throw new AppError(409, 'draft_missing', say(langOf(req), 'draftMissing'));
    return found;
  };
  const setLang = (res: Response, lang: Lang): void => {
    res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 365 * 86_400_000 });
  };
  /** ?lang= switches and is remembered; otherwise the remembered choice, Vietnamese by default. */
  const langOf = (req: Request, res?: Response): Lang => {
    const asked = parseLang(req.query.lang);
    if (asked && res) setLang(res, asked);
    return asked ?? parseLang((req.cookies as Record<string, string | undefined>)[LANG_COOKIE]) ?? 'vi';
  };
  const base = (survey: Survey, lang: Lang, req: Request, res: Response) => surveyLocals(survey, lang, csrfToken(req, res, secure));

  const renderStart = (req: Request, res: Response, survey: Survey, lang: Lang, error: string | null, code = ''): void => {
    const found = draftOf(req, survey);
    res.render(
      'questionnaire/start',
      Object.assign(base(survey, lang, req, res), {
        intro: survey.definition.intro.map((p) => p[lang]),
        partsText: say(lang, 'questionsTotal', { n: survey.definition.sections.length }),
        needsCode: survey.definition.access === 'code',
        resumeHref: found ? pageUrl(found.survey, nextPage(found.survey, found.draft.answers, -1, 1)) : null,
        error,
        code,
      }),
    );
  };

  router.get('/s/:surveyId', (req, res) => {
    const survey = surveyOf(req);
    renderStart(req, res, survey, langOf(req, res), null);
  });

  router.post('/s/:surveyId/start', addressCeiling, wrongCodePerAddress, wrongCodePerPrefix, perCode, verifyCsrf, (req, res) => {
    const survey = surveyOf(req);
    const lang = langOf(req);
    const body = StartBody.parse(req.body ?? {});
    const result = startQuestionnaire(deps.db, survey, body, deps.now());
    if (!result.ok) {
      res.status(result.reason === 'codeUnknown' ? 422 : 409);
      renderStart(req, res, survey, lang, say(lang, result.reason), body.code ?? '');
      return;
    }
    res.cookie(DRAFT_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', secure, path: `/s/${survey.id}`, maxAge: DRAFT_DAYS * 86_400_000 });
    seeOther(res, pageUrl(survey, nextPage(survey, {}, -1, 1)));
  });

  const views = pageRenderer(deps.root);
  // Pages are shown and submissions read in the questionnaire thread when the server started one.
  const work = deps.questionnaireThread ?? workHere(deps.db, deps.surveys, views);
  const sendPage = (res: Response, html: Buffer): void => {
    // Not res.send: its ETag (a hash of the whole page) is no use for a page that is never cached.
    res.setHeader('content-type', HTML);
    res.end(html);
  };

  const pageIndexOf = (req: Request, survey: Survey): number => {
    const { n } = PageParams.parse(req.params);
    if (n > survey.definition.sections.length) throw notFound();
    return n - 1;
  };

  router.get('/s/:surveyId/page/:n', async (req, res) => {
    const current = surveyOf(req);
    const lang = langOf(req, res);
    const token = draftTokenOf(req);
    if (!token) return seeOther(res, `/s/${current.id}`);
    const { n } = PageParams.parse(req.params);
    const shown = await work.showPage({
      draftId: draftIdOf(token),
      surveyId: current.id,
      n,
      lang,
      csrf: csrfToken(req, res, secure),
      cache: req.app.enabled('view cache'),
    });
    if (shown.kind === 'start') return seeOther(res, `/s/${current.id}`);
    if (shown.kind === 'notFound') throw notFound();
    if (shown.kind === 'redirect') return seeOther(res, shown.to);
    sendPage(res, shown.html);
  });

  router.post('/s/:surveyId/page/:n', verifyCsrf, (req, res) => {
    const { survey, draft } = requireDraft(req, surveyOf(req));
    let lang = langOf(req);
    const index = pageIndexOf(req, survey);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { nav } = Nav.parse(body);
    const variables = pageVariables(survey, index);
    const read = readPageAnswers(survey, variables, body);
    // A place level whose list was offered under another parent (a province chosen without script) is asked again, with its new list.
    const { answers: merged, waiting } = withholdUnoffered(variables, body, mergePage(survey, draft.answers, variables, read.answers));
    const problems = [...read.problems, ...checkAnswers(survey, merged, pageCodes(survey, index))].filter((p) => !waiting.includes(p.code));
    // Keep what is right on this page even when something else is wrong, so a reload loses nothing valid.
    const wrong = new Set(problems.map((p) => p.code));
    const keep = Object.fromEntries(Object.entries(merged).filter(([code]) => !wrong.has(code)));
    saveDraftAnswers(deps.db, draft.id, keep, deps.now());
    if (nav === 'lang') {
      lang = lang === 'vi' ? 'en' : 'vi';
      setLang(res, lang);
      return seeOther(res, `${pageUrl(survey, index)}?lang=${lang}`);
    }
    if (nav === 'back') return seeOther(res, pageUrl(survey, nextPage(survey, keep, index, -1)));
    if (problems.length > 0) {
      res.status(422);
      return sendPage(
        res,
        renderPage(views, {
          survey,
          index,
          answers: merged,
          problems,
          lang,
          csrf: csrfToken(req, res, secure),
          cache: req.app.enabled('view cache'),
          places: pageTrees(deps.surveys, survey, index),
        }),
      );
    }
    if (waiting.length > 0) return seeOther(res, `${pageUrl(survey, index)}#q-${waiting[0]}`);
    seeOther(res, pageUrl(survey, nextPage(survey, keep, index, 1)));
  });

  /** For script: which questions of this page are asked given the answers being typed. */
  router.post('/s/:surveyId/page/:n/asked', verifyCsrf, (req, res) => {
    const { survey, draft } = requireDraft(req, surveyOf(req));
    const index = pageIndexOf(req, survey);
    const variables = pageVariables(survey, index);
    const read = readPageAnswers(survey, variables, (req.body ?? {}) as Record<string, unknown>);
    res.json({ asked: askedOnPage(survey, variables, mergePage(survey, draft.answers, variables, read.answers)) });
  });

  router.get('/s/:surveyId/review', (req, res) => {
    const current = surveyOf(req);
    const lang = langOf(req, res);
    const found = draftOf(req, current);
    if (!found) return seeOther(res, `/s/${current.id}`);
    const { survey, draft } = found;
    res.render(
      'questionnaire/review',
      Object.assign(base(survey, lang, req, res), {
        m: buildReviewModel(survey, draft.answers, checkAnswers(survey, draft.answers), lang, surveyTrees(deps.surveys, survey)),
      }),
    );
  });

  router.post('/s/:surveyId/submit', addressCeiling, perDraft, verifyCsrf, async (req, res) => {
    const current = surveyOf(req);
    const lang = langOf(req);
    const token = draftTokenOf(req);
    const prepared = token ? await work.prepareSubmission(draftIdOf(token), current.id) : ({ ok: false, refused: 'draftMissing' } as const);
    const result = await submitOnlineResponse(deps.db, deps.surveys, prepared, deps.now());
    if (result.ok) {
      res.clearCookie(DRAFT_COOKIE, { path: `/s/${current.id}` });
      return seeOther(res, `/s/${current.id}/thanks/${result.receipt}`);
    }
    if ('refused' in result) {
      const code = { codeUnknown: 'code_required', codeUsed: 'code_used', codePaperReceived: 'paper_received', draftMissing: 'draft_missing' }[result.refused];
      throw new AppError(409, code, say(lang, result.refused));
    }
    res.status(422).render(
      'questionnaire/review',
      Object.assign(base(result.survey, lang, req, res), {
        m: buildReviewModel(result.survey, result.answers, result.problems, lang, surveyTrees(deps.surveys, result.survey)),
      }),
    );
  });

  router.get('/s/:surveyId/thanks/:receipt', (req, res) => {
    const survey = surveyOf(req);
    const parsed = ReceiptParams.safeParse(req.params);
    const response = parsed.success ? findResponseByReceipt(deps.db, parsed.data.receipt) : null;
    if (!response || response.surveyId !== survey.id) throw notFound();
    const lang = langOf(req, res);
    const time = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
    res.render(
      'questionnaire/thanks',
      Object.assign(base(survey, lang, req, res), {
        closing: survey.definition.closing?.[lang] ?? null,
        receipt: response.receipt,
        receivedAt: time.format(response.createdAt),
        receivedIso: new Date(response.createdAt).toISOString(),
      }),
    );
  });

  return router;
}
