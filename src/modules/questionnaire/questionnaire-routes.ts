import { Router, type Request, type RequestHandler, type Response } from 'express';
import { join } from 'node:path';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { AppError, notFound, tooManyRequests } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { seeOther } from '../../http/see-other.js';
import { createViewRenderer } from '../../http/view-renderer.js';
import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers, ruleView } from '../rules/check-answers.js';
import { findResponseByReceipt } from '../responses/response-repository.js';
import { findDraft, saveDraftAnswers, type Draft } from './draft-repository.js';
import { askedOnPage, mergePage, nextPage, pageCodes, pageVariables, readPageAnswers, type DraftAnswers } from './page-answers.js';
import { buildPageModel } from './page-view-model.js';
import { buildReviewModel } from './review-view-model.js';
import { draftIdOf, startQuestionnaire } from './start-questionnaire.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { prepareHere } from './submission-thread.js';
import { locale, parseLang, say, uiTexts, type Lang } from './ui-texts.js';

const DRAFT_COOKIE = 'sipas_draft';
const LANG_COOKIE = 'sipas_lang';
const DRAFT_DAYS = 30;
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
  // 0 turns the limiter off (load tests); otherwise each client gets so many submissions a minute.
  const limitSubmissions: RequestHandler =
    deps.config.submitRatePerMinute > 0
      ? rateLimit({
          windowMs: 60_000,
          limit: deps.config.submitRatePerMinute,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          handler: (req, _res, next) => next(tooManyRequests(say(langOf(req), 'rateLimited'))),
        })
      : (_req, _res, next) => next();

  const surveyOf = (req: Request): Survey => {
    const { surveyId } = Params.parse(req.params);
    const survey = deps.surveys.byId.get(surveyId);
    if (!survey) throw notFound();
    return survey;
  };
  /** A draft continues under the version it was started with, even after a newer one is loaded. */
  const draftTokenOf = (req: Request): string | null => {
    const token = (req.cookies as Record<string, string | undefined>)[DRAFT_COOKIE];
    return token && token.length <= 100 ? token : null;
  };
  const draftOf = (req: Request, survey: Survey): { draft: Draft; survey: Survey } | null => {
    const token = draftTokenOf(req);
    if (!token) return null;
    const draft = findDraft(deps.db, draftIdOf(token), survey.id);
    if (!draft) return null;
    return { draft, survey: deps.surveys.byVersion.get(`${draft.surveyId}@${draft.surveyVersion}`) ?? survey };
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
  const base = (survey: Survey, lang: Lang, req: Request, res: Response) => ({
    lang,
    tx: uiTexts(lang),
    csrf: csrfToken(req, res, secure),
    surveyId: survey.id,
    surveyTitle: survey.definition.title[lang],
  });
  const pageUrl = (survey: Survey, index: number): string =>
    index >= survey.definition.sections.length ? `/s/${survey.id}/review` : index < 0 ? `/s/${survey.id}` : `/s/${survey.id}/page/${index + 1}`;

  const renderStart = (req: Request, res: Response, survey: Survey, lang: Lang, error: string | null, code = ''): void => {
    const found = draftOf(req, survey);
    res.render('questionnaire/start', {
      ...base(survey, lang, req, res),
      intro: survey.definition.intro.map((p) => p[lang]),
      partsText: say(lang, 'questionsTotal', { n: survey.definition.sections.length }),
      needsCode: survey.definition.access === 'code',
      resumeHref: found ? pageUrl(found.survey, nextPage(found.survey, found.draft.answers, -1, 1)) : null,
      error,
      code,
    });
  };

  router.get('/s/:surveyId', (req, res) => {
    const survey = surveyOf(req);
    renderStart(req, res, survey, langOf(req, res), null);
  });

  router.post('/s/:surveyId/start', limitSubmissions, verifyCsrf, (req, res) => {
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

  // The page every respondent loads several times: rendered without express's view lookup (see view-renderer.ts).
  const views = createViewRenderer(join(deps.root, 'views'), { 'questionnaire/matrix-row': (locals) => (Object.isFrozen(locals.row) ? (locals.row as object) : null) });
  const renderPage = (req: Request, res: Response, survey: Survey, index: number, answers: DraftAnswers, problems: Parameters<typeof buildPageModel>[0]['problems'], lang: Lang, view = ruleView(survey, answers)): void => {
    const locals = {
      ...res.locals,
      ...base(survey, lang, req, res),
      m: buildPageModel({ survey, pageIndex: index, answers, problems, lang, view }),
      action: `/s/${survey.id}/page/${index + 1}`,
      isLast: nextPage(survey, answers, index, 1, view) >= survey.definition.sections.length,
    };
    // Not res.send: its ETag (a hash of the whole page) is no use for a page that is never cached.
    // Bytes, not a string: the matrix rows seen before are kept encoded (see renderBytes), and for
    // a string Node would measure its UTF-8 length, join it to the headers and copy it again.
    res.setHeader('content-type', HTML);
    res.end(views.renderBytes('questionnaire/page', locals, req.app.enabled('view cache')));
  };

  const pageIndexOf = (req: Request, survey: Survey): number => {
    const { n } = PageParams.parse(req.params);
    if (n > survey.definition.sections.length) throw notFound();
    return n - 1;
  };

  router.get('/s/:surveyId/page/:n', (req, res) => {
    const current = surveyOf(req);
    const lang = langOf(req, res);
    const found = draftOf(req, current);
    if (!found) return seeOther(res, `/s/${current.id}`);
    const { survey, draft } = found;
    const index = pageIndexOf(req, survey);
    const view = ruleView(survey, draft.answers);
    if (askedOnPage(survey, pageVariables(survey, index), draft.answers, view).length === 0) {
      return seeOther(res, pageUrl(survey, nextPage(survey, draft.answers, index, 1, view)));
    }
    renderPage(req, res, survey, index, draft.answers, [], lang, view);
  });

  router.post('/s/:surveyId/page/:n', verifyCsrf, (req, res) => {
    const { survey, draft } = requireDraft(req, surveyOf(req));
    let lang = langOf(req);
    const index = pageIndexOf(req, survey);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { nav } = Nav.parse(body);
    const variables = pageVariables(survey, index);
    const read = readPageAnswers(survey, variables, body);
    const merged = mergePage(survey, draft.answers, variables, read.answers);
    const problems = [...read.problems, ...checkAnswers(survey, merged, pageCodes(survey, index))];
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
      return renderPage(req, res, survey, index, merged, problems, lang);
    }
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
    res.render('questionnaire/review', { ...base(survey, lang, req, res), m: buildReviewModel(survey, draft.answers, checkAnswers(survey, draft.answers), lang) });
  });

  // The draft is read and checked in the submission thread when the server started one.
  const preparer = deps.submissions ?? prepareHere(deps.db, deps.surveys);
  router.post('/s/:surveyId/submit', limitSubmissions, verifyCsrf, async (req, res) => {
    const current = surveyOf(req);
    const lang = langOf(req);
    const token = draftTokenOf(req);
    const prepared = token ? await preparer.prepare(draftIdOf(token), current.id) : ({ ok: false, refused: 'draftMissing' } as const);
    const result = await submitOnlineResponse(deps.db, deps.surveys, prepared, deps.now());
    if (result.ok) {
      res.clearCookie(DRAFT_COOKIE, { path: `/s/${current.id}` });
      return seeOther(res, `/s/${current.id}/thanks/${result.receipt}`);
    }
    if ('refused' in result) {
      const code = { codeUnknown: 'code_required', codeUsed: 'code_used', codePaperReceived: 'paper_received', draftMissing: 'draft_missing' }[result.refused];
      throw new AppError(409, code, say(lang, result.refused));
    }
    res.status(422).render('questionnaire/review', { ...base(result.survey, lang, req, res), m: buildReviewModel(result.survey, result.answers, result.problems, lang) });
  });

  router.get('/s/:surveyId/thanks/:receipt', (req, res) => {
    const survey = surveyOf(req);
    const parsed = ReceiptParams.safeParse(req.params);
    const response = parsed.success ? findResponseByReceipt(deps.db, parsed.data.receipt) : null;
    if (!response || response.surveyId !== survey.id) throw notFound();
    const lang = langOf(req, res);
    const time = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
    res.render('questionnaire/thanks', {
      ...base(survey, lang, req, res),
      closing: survey.definition.closing?.[lang] ?? null,
      receipt: response.receipt,
      receivedAt: time.format(response.createdAt),
      receivedIso: new Date(response.createdAt).toISOString(),
    });
  });

  return router;
}
