import type { Survey } from '../definitions/compile-survey.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn, type Texts } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';
import { provinceProgress, type ProgressCounts } from './batch-progress.js';

/**
 * View models and form checks of the supervisor's keying pages: a new batch, a form's
 * disagreements, the national progress page. Pure: no express, no database.
 */

/** The new-batch form: the surveys with their provinces, what was typed, the errors by field. */
export function newBatchView(lang: Lang, surveys: Iterable<Survey>, values: Record<string, string>, errors: Record<string, string>, csrf: string) {
  return {
    lang,
    t: textsIn(keyingPageTexts, lang),
    surveys: surveysNewestFirst(surveys).map((s) => ({ id: s.id, title: s.definition.title[lang], places: s.places.places })),
    values,
    errors,
    csrf,
  };
}

/** What a form sent, as strings only (to fill the form again after a mistake). */
export function typedValues(body: unknown): Record<string, string> {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** Fields whose value is not a whole number from 0 (the form's shape, before its meaning). */
export function badValueErrors(fields: readonly PropertyKey[], lang: Lang): Record<string, string> {
  const t = textsIn(keyingPageTexts, lang);
  const errors: Record<string, string> = {};
  for (const field of fields) errors[String(field)] = t('notAValidValueA');
  return errors;
}

/**
 * What is wrong with a new batch, by field: the survey must exist, the name be given and new
 * within the survey, the province be on the survey's list and within the supervisor's own.
 */
export function newBatchErrors(
  input: { survey: Survey | undefined; name: string; province: string; nameTaken: boolean; mayWorkOn: boolean },
  lang: Lang,
): Record<string, string> {
  const t = textsIn(keyingPageTexts, lang);
  const { survey } = input;
  const errors: Record<string, string> = {};
  if (!survey) errors.survey = t('chooseASurvey');
  if (input.name === '') errors.name = t('theBatchNameSendingPost');
  else if (input.nameTaken) errors.name = t('aBatchWithThisName');
  if (survey && !survey.places.byCode.has(input.province)) errors.province = t('unknownProvinceCode');
  else if (!input.mayWorkOn) errors.province = t('youDoNotWorkOn');
  return errors;
}

/** A supervisor's choice per disagreement: `pick_<variable>` (which pass) and `typed_<variable>` (a value typed instead). */
export function readResolution(body: Readonly<Record<string, string>>): { picks: Record<string, string>; typed: Record<string, string> } {
  const picks: Record<string, string> = {};
  const typed: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('pick_')) picks[k.slice(5)] = v;
    if (k.startsWith('typed_')) typed[k.slice(6)] = v;
  }
  return { picks, typed };
}

/**
 * The national progress page of one survey: every province within the scope (null: all),
 * including those with no batch yet, and the surveys to switch to.
 */
export function progressView(
  lang: Lang,
  survey: Survey,
  surveys: Iterable<Survey>,
  scope: readonly string[] | null,
  batches: readonly (ProgressCounts & { province: string | null })[],
): {
  lang: Lang;
  t: Texts<typeof keyingPageTexts>;
  survey: Survey;
  surveys: { id: string; title: string; selected: boolean }[];
} & ReturnType<typeof provinceProgress> {
  const rows = batches.map((b) => Object.assign({}, b, { batches: 1 }));
  const places = scope === null ? survey.places : Object.assign({}, survey.places, { places: survey.places.places.filter((p) => scope.includes(p.code)) });
  const progress: ReturnType<typeof provinceProgress> = provinceProgress(places, rows, lang);
  return {
    lang,
    t: textsIn(keyingPageTexts, lang),
    survey,
    surveys: surveysNewestFirst(surveys).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey.id })),
    provinces: progress.provinces,
    total: progress.total,
  };
}

/** `?lang=en` to keep English across a redirect (Vietnamese is the default). */
export const keepLang = (lang: Lang): string => (lang === 'en' ? '?lang=en' : '');
