import type { Request } from 'express';
import { notFound } from '../../http/app-error.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import type { Survey } from '../definitions/compile-survey.js';
import { translator, type Lang } from '../../i18n/lang.js';

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
  const t = translator(lang);
  const qs = query.toString();
  const base = `/analysis/${encodeURIComponent(surveyId)}`;
  return [
    { id: 'ranking', label: t('Xếp hạng', 'Ranking') },
    { id: 'fieldwork', label: t('Tiến độ thu thập', 'Fieldwork') },
    { id: 'method', label: t('Phương pháp', 'Method') },
    { id: 'microdata', label: t('Dữ liệu vi mô', 'Microdata') },
  ].map((l) => ({ href: `${base}/${l.id}${qs ? `?${qs}` : ''}`, label: l.label, current: l.id === current }));
}
