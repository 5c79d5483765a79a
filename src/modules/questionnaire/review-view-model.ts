import type { Survey, Variable } from '../definitions/compile-survey.js';
import { isAsked, ruleView, type Problem } from '../rules/check-answers.js';
import type { DraftAnswers } from './page-answers.js';
import { fieldId, type ErrorLink } from './page-view-model.js';
import { say } from './ui-texts.js';
import { placeAnswerName, type Trees } from './place-levels.js';
import { locale, type Lang } from '../../i18n/lang.js';

export interface ReviewRow {
  label: string;
  answer: string;
  answered: boolean;
}

export interface ReviewSection {
  title: string;
  editHref: string;
  rows: ReviewRow[];
}

export interface ReviewModel {
  sections: ReviewSection[];
  errors: ErrorLink[];
  errorHeading: string;
}

/** One answer as the respondent reads it: the option's label, a formatted number, or the text. */
export function answerText(survey: Survey, v: Variable, value: number | string, lang: Lang, places?: Trees): string {
  if (v.type === 'number' && typeof value === 'number') return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 6 }).format(value);
  if (v.type === 'place-province') {
    const place = survey.places.byCode.get(String(value));
    return place ? (lang === 'en' ? place.nameEn : place.nameVi) : String(value);
  }
  // A commune's or a district's code, shown by its name ("Phường Ba Đình").
  const placeName = v.type === 'place-district' || v.type === 'place-commune' ? placeAnswerName(v, value, places) : null;
  if (placeName !== null) return placeName;
  const option = v.options.find((o) => o.code === value);
  return option ? option.label[lang] : String(value);
}

/**
 * Every asked question, page by page, with the answer given; multiple choices are one row with
 * the chosen options joined. Problems link to the field on its page.
 */
export function buildReviewModel(survey: Survey, answers: DraftAnswers, problems: readonly Problem[], lang: Lang, places?: Trees): ReviewModel {
  const view = ruleView(survey, answers);
  const sections: ReviewSection[] = [];
  survey.definition.sections.forEach((section, index) => {
    const rows: ReviewRow[] = [];
    const multiplesDone = new Set<string>();
    for (const v of survey.variables) {
      if (v.section !== section.id || !isAsked(v, view)) continue;
      if (v.type === 'multiple-option') {
        if (multiplesDone.has(v.question)) continue;
        multiplesDone.add(v.question);
        const question = section.questions.find((q) => q.code === v.question)!;
        const chosen = (survey.multiples.get(v.question) ?? []).filter((f) => answers[f.code] === 1);
        const labels = chosen.map((f) =>
          question.type === 'multiple' ? (question.options.find((o) => o.code === f.option)?.label[lang] ?? String(f.option)) : String(f.option),
        );
        rows.push({ label: question.label[lang], answer: labels.length ? labels.join('; ') : say(lang, 'notAnswered'), answered: labels.length > 0 });
        continue;
      }
      const value = answers[v.code];
      rows.push({
        label: v.label[lang],
        answer: value === undefined ? say(lang, 'notAnswered') : answerText(survey, v, value, lang, places),
        answered: value !== undefined,
      });
    }
    if (rows.length > 0) sections.push({ title: section.title[lang], editHref: `/s/${survey.id}/page/${index + 1}`, rows });
  });
  const errors = problems.map((p) => {
    const v = survey.byCode.get(p.code) ?? survey.byCode.get(survey.multiples.get(p.code)?.[0]?.code ?? '');
    const page = v ? survey.definition.sections.findIndex((s) => s.id === v.section) + 1 : 1;
    return { href: `/s/${survey.id}/page/${page}#${fieldId(survey, p.code)}`, text: `${v ? v.label[lang] : p.code}: ${p.message[lang]}` };
  });
  return { sections, errors, errorHeading: errors.length === 1 ? say(lang, 'errorSummaryOne') : say(lang, 'errorSummary', { n: errors.length }) };
}
