import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import { isAsked, ruleView } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';

/** A draft's answers as kept between pages: codes and numbers as numbers, texts as strings. */
export type DraftAnswers = Record<string, number | string>;

interface Page {
  variables: readonly Variable[];
  codes: ReadonlySet<string>;
}

const byPage = new WeakMap<Survey, readonly Page[]>();

/** Each section's variables and their codes, worked out once per survey (every page view asks). */
function pagesOf(survey: Survey): readonly Page[] {
  let pages = byPage.get(survey);
  if (!pages) {
    pages = survey.definition.sections.map((section) => {
      const variables = survey.variables.filter((v) => v.section === section.id);
      return { variables, codes: new Set(variables.map((v) => v.code)) };
    });
    byPage.set(survey, pages);
  }
  return pages;
}

/** The variables a section (one page) asks, in questionnaire order. */
export function pageVariables(survey: Survey, pageIndex: number): readonly Variable[] {
  return pagesOf(survey)[pageIndex]?.variables ?? [];
}

/**
 * The codes of a page's variables: the same set object every time, so checkAnswers, given it as
 * `only`, finds its selection of variables and checks already made.
 */
export function pageCodes(survey: Survey, pageIndex: number): ReadonlySet<string> {
  return pagesOf(survey)[pageIndex]?.codes ?? new Set();
}

const codedTypes = new Set(['single', 'rating', 'matrix-item']);

function text(value: unknown): string {
  const v: unknown = Array.isArray(value) ? (value as unknown[])[value.length - 1] : value;
  return typeof v === 'string' ? v.normalize('NFC').trim() : '';
}

/** "12", "1,5" (Vietnamese decimal comma) and "1.5" are numbers; anything else stays text so the check names it. */
function numberOrText(raw: string): number | string {
  const n = Number(raw.replace(',', '.'));
  return raw !== '' && Number.isFinite(n) ? n : raw;
}

/**
 * Reads one page of the form body into answers for that page's variables. A coded answer
 * that is not a whole number is kept as text, so `checkAnswers` reports it as an unknown code;
 * a multiple-choice box naming no option of the question is reported here.
 */
export function readPageAnswers(survey: Survey, variables: readonly Variable[], body: Record<string, unknown>): { answers: DraftAnswers; problems: Problem[] } {
  const answers: DraftAnswers = {};
  const problems: Problem[] = [];
  const seenMultiples = new Set<string>();
  for (const v of variables) {
    if (v.type === 'multiple-option') {
      if (seenMultiples.has(v.question)) continue;
      seenMultiples.add(v.question);
      const raw = body[v.question];
      const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((x) => String(x));
      const flags = survey.multiples.get(v.question) ?? [];
      for (const value of chosen) {
        const flag = flags.find((f) => String(f.option) === value);
        if (flag) answers[flag.code] = 1;
        else
          problems.push({
            code: flags[0]?.code ?? v.code,
            kind: 'unknown_code',
            value,
            message: { vi: `mã "${value}" không có trong danh sách`, en: `code "${value}" is not one of the options` },
          });
      }
      continue;
    }
    const raw = text(body[v.code]);
    if (raw === '') continue;
    if (codedTypes.has(v.type)) answers[v.code] = /^\d+$/.test(raw) ? Number(raw) : raw;
    else if (v.type === 'number') answers[v.code] = numberOrText(raw);
    else answers[v.code] = raw;
  }
  return { answers, problems };
}

/**
 * Removes answers to questions that are not asked any more (a changed earlier answer can skip
 * a later question). Repeats until nothing changes, since removing one answer can skip another.
 */
export function clearSkipped(survey: Survey, answers: DraftAnswers): DraftAnswers {
  const out: DraftAnswers = { ...answers };
  for (let round = 0; round < survey.variables.length; round++) {
    const view = ruleView(survey, out);
    let changed = false;
    for (const v of survey.variables) {
      if (out[v.code] !== undefined && !isAsked(v, view)) {
        delete out[v.code];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return out;
}

/** Replaces one page's answers in the draft, then clears what that skips. */
export function mergePage(survey: Survey, draft: DraftAnswers, variables: readonly Variable[], page: DraftAnswers): DraftAnswers {
  const merged: DraftAnswers = { ...draft };
  for (const v of variables) delete merged[v.code];
  // `page` holds only this page's variables (readPageAnswers), so assigning it cannot set a prototype.
  return clearSkipped(survey, Object.assign(merged, page));
}

/**
 * The codes (variables and their questions) of a page that are asked given these answers.
 * `view` is `ruleView(survey, answers)` when the caller already has it.
 */
export function askedOnPage(survey: Survey, variables: readonly Variable[], answers: DraftAnswers, view: Answers = ruleView(survey, answers)): string[] {
  const asked = new Set<string>();
  for (const v of variables) {
    if (isAsked(v, view)) {
      asked.add(v.code);
      asked.add(v.question);
    }
  }
  return [...asked];
}

/**
 * The next page to show from `from` going `step` (+1 or −1), skipping pages where nothing is
 * asked; -1 before the first page, sections.length after the last one (the review page).
 */
export function nextPage(survey: Survey, answers: DraftAnswers, from: number, step: 1 | -1, view: Answers = ruleView(survey, answers)): number {
  const count = survey.definition.sections.length;
  for (let i = from + step; i >= 0 && i < count; i += step) {
    if (askedOnPage(survey, pageVariables(survey, i), answers, view).length > 0) return i;
  }
  return step === 1 ? count : -1;
}
