import { join } from 'node:path';
import type { Db } from '../../db/open-database.js';
import { createViewRenderer, type ViewRenderer } from '../../http/view-renderer.js';
import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { ruleView, type Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { findDraft } from './draft-repository.js';
import { draftSurvey } from './start-questionnaire.js';
import { askedOnPage, nextPage, pageVariables, type DraftAnswers } from './page-answers.js';
import { buildPageModel } from './page-view-model.js';
import { questionnaireT, type QuestionnaireTexts } from './questionnaire-texts.js';
import type { Trees } from './place-levels.js';
import { type Lang } from '../../i18n/lang.js';
import { siteT } from '../../http/site-texts.js';

/**
 * Where a page index leads: the review after the last section, the start before the first. A page
 * reached with "Change" from the review keeps that mark (`?review=1`), so it offers the way back.
 */
export function pageUrl(survey: Survey, index: number, fromReview = false): string {
  if (index >= survey.definition.sections.length) return `/s/${survey.id}/review`;
  if (index < 0) return `/s/${survey.id}`;
  return fromReview ? `/s/${survey.id}/page/${index + 1}?review=1` : `/s/${survey.id}/page/${index + 1}`;
}

/**
 * The renderer of the section page, the page every respondent loads several times: rendered
 * without express's view lookup (see view-renderer.ts), with the matrix rows kept.
 */
export function pageRenderer(root: string): ViewRenderer {
  return createViewRenderer(join(root, 'views'), { 'questionnaire/matrix-row': (locals) => (Object.isFrozen(locals.row) ? (locals.row as object) : null) });
}

/** What every respondent's page gets (header, footer, form): its language and texts, the CSRF token, the survey. */
export function surveyLocals(
  survey: Survey,
  lang: Lang,
  csrf: string,
): { lang: Lang; t: QuestionnaireTexts; site: typeof siteT; csrf: string; surveyId: string; surveyTitle: string } {
  // `site`: the page renderer has no app.locals, where the header and footer find their words otherwise.
  return { lang, t: questionnaireT[lang], site: siteT, csrf, surveyId: survey.id, surveyTitle: survey.definition.title[lang] };
}

export interface PageToRender {
  survey: Survey;
  index: number;
  answers: DraftAnswers;
  problems: Problem[];
  lang: Lang;
  csrf: string;
  /** Compiled templates kept (production), or read again on each page (development). */
  cache: boolean;
  /** The rule view of `answers`, when the caller has made it already. */
  view?: Answers;
  /** Reached with "Change" from the review: the page offers "Back to review". */
  fromReview?: boolean;
  /** The official place trees, for the coded place levels' lists. */
  places?: Trees | undefined;
}

/**
 * A section page as bytes. Bytes, not a string: the matrix rows seen before are kept encoded (see
 * renderBytes), and for a string Node would measure its UTF-8 length, join it to the headers and
 * copy it again.
 */
export function renderPage(views: ViewRenderer, p: PageToRender): Buffer {
  const { survey, index, answers, lang } = p;
  const view = p.view ?? ruleView(survey, answers);
  const locals = Object.assign(surveyLocals(survey, lang, p.csrf), {
    m: buildPageModel({ survey, pageIndex: index, answers, problems: p.problems, lang, view, places: p.places }),
    action: `/s/${survey.id}/page/${index + 1}`,
    isLast: nextPage(survey, answers, index, 1, view) >= survey.definition.sections.length,
    fromReview: p.fromReview === true,
  });
  return views.renderBytes('questionnaire/page', locals, p.cache);
}

const offersPlaces = (variables: readonly Variable[]): boolean => variables.some((v) => v.place !== undefined && v.place.parent !== null);

/** The place trees when this page has a coded place level below the province (read on first use), else nothing to read. */
export function pageTrees(surveys: Pick<SurveyCatalog, 'placeTrees'>, survey: Survey, index: number): Trees | undefined {
  return offersPlaces(pageVariables(survey, index)) ? surveys.placeTrees?.get().trees : undefined;
}

/** The place trees when the survey has a coded place level below the province, for the review's names. */
export function surveyTrees(surveys: Pick<SurveyCatalog, 'placeTrees'>, survey: Survey): Trees | undefined {
  return offersPlaces(survey.variables) ? surveys.placeTrees?.get().trees : undefined;
}

/** A section page asked for with GET (page `n`, from 1), as the server's thread passes it on. */
export interface PageRequest {
  draftId: string;
  surveyId: string;
  n: number;
  lang: Lang;
  csrf: string;
  cache: boolean;
  /** Reached with "Change" from the review. */
  fromReview: boolean;
}

export type PageOutcome = { kind: 'start' } | { kind: 'notFound' } | { kind: 'redirect'; to: string } | { kind: 'page'; html: Buffer };

/**
 * What GET of a section page answers: no draft, back to the start; a page past the last of the
 * draft's version, not found; a page none of whose questions are asked (skipped by earlier
 * answers), on to the next one that has some; otherwise the page with the saved answers.
 * Only reads: the server's thread or the questionnaire thread can run it.
 */
export function showPage(ctx: { db: Db; surveys: Pick<SurveyCatalog, 'byId' | 'byVersion' | 'placeTrees'>; views: ViewRenderer }, r: PageRequest): PageOutcome {
  const draft = findDraft(ctx.db, r.draftId, r.surveyId);
  if (!draft) return { kind: 'start' };
  const survey = draftSurvey(ctx.surveys, draft);
  if (!survey) return { kind: 'start' };
  if (r.n > survey.definition.sections.length) return { kind: 'notFound' };
  const index = r.n - 1;
  const view = ruleView(survey, draft.answers);
  if (askedOnPage(survey, pageVariables(survey, index), draft.answers, view).length === 0) {
    return { kind: 'redirect', to: pageUrl(survey, nextPage(survey, draft.answers, index, 1, view), r.fromReview) };
  }
  return {
    kind: 'page',
    html: renderPage(ctx.views, {
      survey,
      index,
      answers: draft.answers,
      problems: [],
      lang: r.lang,
      csrf: r.csrf,
      cache: r.cache,
      view,
      fromReview: r.fromReview,
      places: pageTrees(ctx.surveys, survey, index),
    }),
  };
}
