import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Section } from '../definitions/survey-schema.js';
import { isAsked, ruleView, type Problem } from '../rules/check-answers.js';
import type { DraftAnswers } from './page-answers.js';
import { fieldId, itemNumbers, type ErrorLink } from './page-view-model.js';
import { errorHeading, questionnaireT } from './questionnaire-texts.js';
import { placeAnswerName, type Trees } from './place-levels.js';
import { locale, type Lang } from '../../i18n/lang.js';

export interface ReviewRow {
  /** The item's number in the published questionnaire, for a matrix item whose codes carry one. */
  number: string | null;
  label: string;
  answer: string;
  answered: boolean;
}

/**
 * Rows read together: a matrix's items under its question, said once (`stem`), or a run of
 * questions that stand alone (`stem` null).
 */
export interface ReviewBlock {
  stem: string | null;
  rows: ReviewRow[];
}

export interface ReviewSection {
  title: string;
  editHref: string;
  blocks: ReviewBlock[];
}

export interface ReviewModel {
  sections: ReviewSection[];
  errors: ErrorLink[];
  errorHeading: string;
}

/** Where "Change" leads: the section's page, marked as reached from the review so it offers the way back. */
export function editFromReviewHref(survey: Survey, pageNumber: number): string {
  return `/s/${survey.id}/page/${pageNumber}?review=1`;
}

/** An option's label, with the text typed beside it when the option is "Other, please specify". */
function withSpecified(label: string, specify: string | undefined, answers: DraftAnswers): string {
  const typed = specify === undefined ? undefined : answers[specify];
  return typed === undefined || typed === '' ? label : `${label}: ${String(typed)}`;
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

/** A matrix item's own text and number, by item code, for the matrices of one section. */
function matrixItemsOf(section: Section, lang: Lang): Map<string, { label: string; number: string | null; stem: string }> {
  const items = new Map<string, { label: string; number: string | null; stem: string }>();
  for (const q of section.questions) {
    if (q.type !== 'matrix') continue;
    const numbers = itemNumbers(q.items);
    q.items.forEach((item, i) => items.set(item.code, { label: item.label[lang], number: numbers[i] ?? null, stem: q.label[lang] }));
  }
  return items;
}

/** The rows of one section: every asked question with its answer; multiple choices are one row, their options joined. */
function sectionBlocks(
  survey: Survey,
  section: Section,
  answers: DraftAnswers,
  lang: Lang,
  view: ReturnType<typeof ruleView>,
  places: Trees | undefined,
): ReviewBlock[] {
  const blocks: ReviewBlock[] = [];
  const matrixItems = matrixItemsOf(section, lang);
  const multiplesDone = new Set<string>();
  let matrix: string | null = null;
  const push = (row: ReviewRow, stem: string | null, question: string | null): void => {
    const last = blocks[blocks.length - 1];
    if (last && matrix === question) last.rows.push(row);
    else blocks.push({ stem, rows: [row] });
    matrix = question;
  };
  const notAnswered = questionnaireT[lang]('notAnswered');
  for (const v of survey.variables) {
    if (v.section !== section.id || !isAsked(v, view)) continue;
    if (v.type === 'multiple-option') {
      if (multiplesDone.has(v.question)) continue;
      multiplesDone.add(v.question);
      const question = section.questions.find((q) => q.code === v.question)!;
      const chosen = (survey.multiples.get(v.question) ?? []).filter((f) => answers[f.code] === 1);
      const labels = chosen.map((f) => {
        const option = question.type === 'multiple' ? question.options.find((o) => o.code === f.option) : undefined;
        return option ? withSpecified(option.label[lang], option.specify, answers) : String(f.option);
      });
      push({ number: null, label: question.label[lang], answer: labels.length ? labels.join('; ') : notAnswered, answered: labels.length > 0 }, null, null);
      continue;
    }
    // "Other, please specify": the text is shown with the option it belongs to.
    if (v.type === 'specify') continue;
    const value = answers[v.code];
    const specify = v.options.find((o) => o.code === value)?.specify;
    const answer = value === undefined ? notAnswered : withSpecified(answerText(survey, v, value, lang, places), specify, answers);
    const item = v.type === 'matrix-item' ? matrixItems.get(v.code) : undefined;
    if (item) push({ number: item.number, label: item.label, answer, answered: value !== undefined }, item.stem, v.question);
    else push({ number: null, label: v.label[lang], answer, answered: value !== undefined }, null, null);
  }
  return blocks;
}

/**
 * Every asked question, page by page, with the answer given: a matrix's question once, then its
 * items with their answers, so the whole form reads on a few phone screens. Problems link to the
 * field on its page.
 */
export function buildReviewModel(survey: Survey, answers: DraftAnswers, problems: readonly Problem[], lang: Lang, places?: Trees): ReviewModel {
  const view = ruleView(survey, answers);
  const sections: ReviewSection[] = [];
  survey.definition.sections.forEach((section, index) => {
    const blocks = sectionBlocks(survey, section, answers, lang, view, places);
    if (blocks.length > 0) sections.push({ title: section.title[lang], editHref: editFromReviewHref(survey, index + 1), blocks });
  });
  const errors = problems.map((p) => {
    const v = survey.byCode.get(p.code) ?? survey.byCode.get(survey.multiples.get(p.code)?.[0]?.code ?? '');
    const page = v ? survey.definition.sections.findIndex((s) => s.id === v.section) + 1 : 1;
    return { href: `${editFromReviewHref(survey, page)}#${fieldId(survey, p.code)}`, text: `${v ? v.label[lang] : p.code}: ${p.message[lang]}` };
  });
  return { sections, errors, errorHeading: errorHeading(questionnaireT[lang], errors.length) };
}
