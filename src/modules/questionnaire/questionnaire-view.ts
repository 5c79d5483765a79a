import type { Survey } from '../definitions/compile-survey.js';
import type { Trees } from './place-levels.js';
import type { Problem } from '../rules/check-answers.js';
import { locale, type Lang } from '../../i18n/lang.js';
import type { DraftAnswers } from './page-answers.js';
import { buildReviewModel } from './review-view-model.js';
import { surveyLocals } from './show-page.js';
import { questionnaireT } from './questionnaire-texts.js';

// What the start, review and thank-you templates get, built apart from the routes.

type Base = ReturnType<typeof surveyLocals>;

export function startView(
  survey: Survey,
  lang: Lang,
  csrf: string,
  p: { resumeHref: string | null; error: string | null; code: string },
): Base & { intro: string[]; partsText: string; needsCode: boolean; resumeHref: string | null; error: string | null; code: string } {
  return Object.assign(surveyLocals(survey, lang, csrf), {
    intro: survey.definition.intro.map((t) => t[lang]),
    partsText: questionnaireT[lang]('questionsTotal', { n: survey.definition.sections.length }),
    needsCode: survey.definition.access === 'code',
    resumeHref: p.resumeHref,
    error: p.error,
    code: p.code,
  });
}

export function reviewView(
  survey: Survey,
  lang: Lang,
  csrf: string,
  answers: DraftAnswers,
  problems: readonly Problem[],
  places?: Trees,
): Base & { m: ReturnType<typeof buildReviewModel> } {
  return Object.assign(surveyLocals(survey, lang, csrf), { m: buildReviewModel(survey, answers, problems, lang, places) });
}

/** The receipt with its time in Vietnam's time zone, whatever the server's. */
export function thanksView(
  survey: Survey,
  lang: Lang,
  csrf: string,
  response: { receipt: string | null; createdAt: number },
): Base & { closing: string | null; receipt: string | null; receivedAt: string; receivedIso: string } {
  const time = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  return Object.assign(surveyLocals(survey, lang, csrf), {
    closing: survey.definition.closing?.[lang] ?? null,
    receipt: response.receipt,
    receivedAt: time.format(response.createdAt),
    receivedIso: new Date(response.createdAt).toISOString(),
  });
}
