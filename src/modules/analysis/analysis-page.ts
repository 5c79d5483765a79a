import type { Request } from 'express';
import { notFound } from '../../http/app-error.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';

export function surveyOf(surveys: SurveyCatalog, id: unknown): Survey {
  const survey = typeof id === 'string' ? surveys.byId.get(id) : undefined;
  if (!survey) throw notFound({ vi: 'Không có khảo sát mang mã này.', en: 'There is no survey with this id.' });
  return survey;
}

/** The same URL in the other language. */
export function otherLangHref(req: Request, lang: Lang): string {
  const q = new URLSearchParams(req.query as Record<string, string>);
  if (lang === 'en') q.delete('lang');
  else q.set('lang', 'en');
  const s = q.toString();
  return `${req.path}${s ? `?${s}` : ''}`;
}

/** Links between the analysis pages of one survey, keeping the filters. */
export function navLinks(surveyId: string, query: URLSearchParams, lang: Lang, current: string): { href: string; label: string; current: boolean }[] {
  const t = textsIn(analysisTexts, lang);
  const qs = query.toString();
  const base = `/analysis/${encodeURIComponent(surveyId)}`;
  return (['ranking', 'fieldwork', 'method', 'microdata'] as const).map((id) => ({
    href: `${base}/${id}${qs ? `?${qs}` : ''}`,
    label: t(id),
    current: id === current,
  }));
}
