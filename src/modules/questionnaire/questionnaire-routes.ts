import { Router, type Request, type Response } from 'express';
import { inWriteTurn } from '../../db/write-turn.js';
import type { AppDeps } from '../../app-deps.js';
import { AppError, notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { DRAFT_DAYS } from './purge-drafts.js';
import { seeOther } from '../../http/see-other.js';
import type { ViewRenderer } from '../../http/view-renderer.js';
import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers } from '../rules/check-answers.js';
import { findResponseByReceipt } from '../responses/response-repository.js';
import { findDraft, saveDraftAnswers, type Draft } from './draft-repository.js';
import { askedOnPage, mergePage, nextPage, pageCodes, pageVariables, readPageAnswers } from './page-answers.js';
import { draftIdOf, draftSurvey, startQuestionnaire } from './start-questionnaire.js';
import { submitOnlineResponse } from './submit-online-response.js';
import { workHere, type QuestionnaireWork } from './questionnaire-thread.js';
import { pageRenderer, pageTrees, pageUrl, renderPage, surveyTrees } from './show-page.js';
import { withholdUnoffered } from './place-levels.js';
import { questionnaireLimits } from './questionnaire-limits.js';
import { DRAFT_COOKIE, Nav, PageParams, Params, ReceiptParams, StartBody, draftTokenOf, fromReview, langOf, setLang } from './questionnaire-request.js';
import { reviewView, startView, thanksView } from './questionnaire-view.js';
import { questionnaireT } from './questionnaire-texts.js';
import type { Lang } from '../../i18n/lang.js';

/** What `res.type('html')` sets, without its look-up in the MIME table on every page. */
const HTML = 'text/html; charset=utf-8';

/** What the handlers share: the app's dependencies, the page renderer and where pages are made. */
interface Ctx {
  deps: AppDeps;
  secure: boolean;
  views: ViewRenderer;
  work: QuestionnaireWork;
}

function surveyOf(ctx: Ctx, req: Request): Survey {
  const { surveyId } = Params.parse(req.params);
  const survey = ctx.deps.surveys.byId.get(surveyId);
  if (!survey) throw notFound();
  return survey;
}

function draftOf(ctx: Ctx, req: Request, survey: Survey): { draft: Draft; survey: Survey } | null {
  const token = draftTokenOf(req);
  if (!token) return null;
  const draft = findDraft(ctx.deps.db, draftIdOf(token), survey.id);
  if (!draft) return null;
  return { draft, survey: draftSurvey(ctx.deps.surveys, draft) ?? survey };
}

function requireDraft(ctx: Ctx, req: Request, survey: Survey): { draft: Draft; survey: Survey } {
  const found = draftOf(ctx, req, survey);
  if (!found) throw new AppError(409, 'draft_missing', questionnaireT[langOf(req)]('draftMissing'));
  return found;
}

function pageIndexOf(req: Request, survey: Survey): number {
  const { n } = PageParams.parse(req.params);
  if (n > survey.definition.sections.length) throw notFound();
  return n - 1;
}

function sendPage(res: Response, html: Buffer): void {
  // Not res.send: its ETag (a hash of the whole page) is no use for a page that is never cached.
  res.setHeader('content-type', HTML);
  res.end(html);
}

function renderStart(ctx: Ctx, req: Request, res: Response, survey: Survey, lang: Lang, error: string | null, code = ''): void {
  const found = draftOf(ctx, req, survey);
  const resumeHref = found ? pageUrl(found.survey, nextPage(found.survey, found.draft.answers, -1, 1)) : null;
  res.render('questionnaire/start', startView(survey, lang, csrfToken(req, res, ctx.secure), { resumeHref, error, code }));
}

function start(ctx: Ctx) {
  return async (req: Request, res: Response): Promise<void> => {
    const survey = surveyOf(ctx, req);
    const lang = langOf(req);
    const body = StartBody.parse(req.body ?? {});
    const result = await inWriteTurn(ctx.deps.db.$client, () => startQuestionnaire(ctx.deps.db, survey, body, ctx.deps.now()));
    if (!result.ok) {
      res.status(result.reason === 'codeUnknown' ? 422 : 409);
      renderStart(ctx, req, res, survey, lang, questionnaireT[lang](result.reason), body.code ?? '');
      return;
    }
    res.cookie(DRAFT_COOKIE, result.token, { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: `/s/${survey.id}`, maxAge: DRAFT_DAYS * 86_400_000 });
    seeOther(res, pageUrl(survey, nextPage(survey, {}, -1, 1)));
  };
}

function showPage(ctx: Ctx) {
  return async (req: Request, res: Response): Promise<void> => {
    const current = surveyOf(ctx, req);
    const lang = langOf(req, res, ctx.secure);
    const token = draftTokenOf(req);
    if (!token) return seeOther(res, `/s/${current.id}`);
    const { n } = PageParams.parse(req.params);
    const shown = await ctx.work.showPage({
      draftId: draftIdOf(token),
      surveyId: current.id,
      n,
      lang,
      csrf: csrfToken(req, res, ctx.secure),
      cache: req.app.enabled('view cache'),
      fromReview: fromReview(req),
    });
    if (shown.kind === 'start') return seeOther(res, `/s/${current.id}`);
    if (shown.kind === 'notFound') throw notFound();
    if (shown.kind === 'redirect') return seeOther(res, shown.to);
    sendPage(res, shown.html);
  };
}

/**
 * Saves what is right on the page, then moves: to the next or previous page, to the other
 * language, or back to the review; with a mistake, the page again (422) unless going back.
 */
function savePage(ctx: Ctx) {
  return async (req: Request, res: Response): Promise<void> => {
    const { survey, draft } = requireDraft(ctx, req, surveyOf(ctx, req));
    const lang = langOf(req);
    const index = pageIndexOf(req, survey);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { nav } = Nav.parse(body);
    const review = fromReview(req);
    const variables = pageVariables(survey, index);
    const read = readPageAnswers(survey, variables, body);
    // A place level whose list was offered under another parent (a province chosen without script) is asked again, with its new list.
    const { answers: merged, waiting } = withholdUnoffered(variables, body, mergePage(survey, draft.answers, variables, read.answers));
    const problems = [...read.problems, ...checkAnswers(survey, merged, pageCodes(survey, index))].filter((p) => !waiting.includes(p.code));
    // Keep what is right on this page even when something else is wrong, so a reload loses nothing valid.
    const wrong = new Set(problems.map((p) => p.code));
    const keep = Object.fromEntries(Object.entries(merged).filter(([code]) => !wrong.has(code)));
    await inWriteTurn(ctx.deps.db.$client, () => saveDraftAnswers(ctx.deps.db, draft.id, keep, ctx.deps.now()));
    if (nav === 'lang') {
      const other = lang === 'vi' ? 'en' : 'vi';
      setLang(res, other, ctx.secure);
      return seeOther(res, `/s/${survey.id}/page/${index + 1}?lang=${other}${review ? '&review=1' : ''}`);
    }
    if (nav === 'back') return seeOther(res, pageUrl(survey, nextPage(survey, keep, index, -1), review));
    if (problems.length > 0) {
      const csrf = csrfToken(req, res, ctx.secure);
      const page = renderPage(ctx.views, {
        survey,
        index,
        answers: merged,
        problems,
        lang,
        csrf,
        cache: req.app.enabled('view cache'),
        fromReview: review,
        places: pageTrees(ctx.deps.surveys, survey, index),
      });
      res.status(422);
      return sendPage(res, page);
    }
    if (waiting.length > 0) return seeOther(res, `${pageUrl(survey, index, review)}#q-${waiting[0]}`);
    if (nav === 'review') return seeOther(res, `/s/${survey.id}/review`);
    seeOther(res, pageUrl(survey, nextPage(survey, keep, index, 1), review));
  };
}

function review(ctx: Ctx) {
  return (req: Request, res: Response): void => {
    const current = surveyOf(ctx, req);
    const lang = langOf(req, res, ctx.secure);
    const found = draftOf(ctx, req, current);
    if (!found) return seeOther(res, `/s/${current.id}`);
    const { survey, draft } = found;
    res.render(
      'questionnaire/review',
      reviewView(survey, lang, csrfToken(req, res, ctx.secure), draft.answers, checkAnswers(survey, draft.answers), surveyTrees(ctx.deps.surveys, survey)),
    );
  };
}

function submit(ctx: Ctx) {
  return async (req: Request, res: Response): Promise<void> => {
    const current = surveyOf(ctx, req);
    const lang = langOf(req);
    const token = draftTokenOf(req);
    const prepared = token ? await ctx.work.prepareSubmission(draftIdOf(token), current.id) : ({ ok: false, refused: 'draftMissing' } as const);
    const result = await submitOnlineResponse(ctx.deps.db, ctx.deps.surveys, prepared, ctx.deps.now());
    if (result.ok) {
      res.clearCookie(DRAFT_COOKIE, { path: `/s/${current.id}` });
      return seeOther(res, `/s/${current.id}/thanks/${result.receipt}`);
    }
    if ('refused' in result) {
      const code = { codeUnknown: 'code_required', codeUsed: 'code_used', codePaperReceived: 'paper_received', draftMissing: 'draft_missing' }[result.refused];
      throw new AppError(409, code, questionnaireT[lang](result.refused));
    }
    res
      .status(422)
      .render(
        'questionnaire/review',
        reviewView(result.survey, lang, csrfToken(req, res, ctx.secure), result.answers, result.problems, surveyTrees(ctx.deps.surveys, result.survey)),
      );
  };
}

function thanks(ctx: Ctx) {
  return (req: Request, res: Response): void => {
    const survey = surveyOf(ctx, req);
    const parsed = ReceiptParams.safeParse(req.params);
    const response = parsed.success ? findResponseByReceipt(ctx.deps.db, parsed.data.receipt) : null;
    if (!response || response.surveyId !== survey.id) throw notFound();
    res.render('questionnaire/thanks', thanksView(survey, langOf(req, res, ctx.secure), csrfToken(req, res, ctx.secure), response));
  };
}

/** Respondent pages: start (access code), one page per section, review, submit, thank-you. */
export function questionnaireRouter(deps: AppDeps): Router {
  const router = Router();
  const views = pageRenderer(deps.root);
  // Pages are shown and submissions read in the questionnaire thread when the server started one.
  const ctx: Ctx = { deps, secure: deps.config.secureCookies, views, work: deps.questionnaireThread ?? workHere(deps.db, deps.surveys, views) };
  const limits = questionnaireLimits(deps.config);
  // The pages show a respondent's answers (name, address): no browser or proxy keeps a copy, so
  // Back on a shared phone after sending shows nothing, and a page always shows the saved draft.
  router.use('/s', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  router.get('/s/:surveyId', (req, res) => renderStart(ctx, req, res, surveyOf(ctx, req), langOf(req, res, ctx.secure), null));
  router.post('/s/:surveyId/start', limits.addressCeiling, limits.wrongCodePerAddress, limits.wrongCodePerPrefix, limits.perCode, verifyCsrf, start(ctx));
  router.get('/s/:surveyId/page/:n', showPage(ctx));
  router.post('/s/:surveyId/page/:n', verifyCsrf, savePage(ctx));
  /** For script: which questions of this page are asked given the answers being typed. */
  router.post('/s/:surveyId/page/:n/asked', verifyCsrf, (req, res) => {
    const { survey, draft } = requireDraft(ctx, req, surveyOf(ctx, req));
    const variables = pageVariables(survey, pageIndexOf(req, survey));
    const read = readPageAnswers(survey, variables, (req.body ?? {}) as Record<string, unknown>);
    res.json({ asked: askedOnPage(survey, variables, mergePage(survey, draft.answers, variables, read.answers)) });
  });
  router.get('/s/:surveyId/review', review(ctx));
  router.post('/s/:surveyId/submit', limits.addressCeiling, limits.perDraft, verifyCsrf, submit(ctx));
  router.get('/s/:surveyId/thanks/:receipt', thanks(ctx));
  return router;
}
