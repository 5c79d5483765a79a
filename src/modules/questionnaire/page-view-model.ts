import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Option, Question, Text } from '../definitions/survey-schema.js';
import { namesIn } from '../rules/parse-expression.js';
import { isAsked, ruleView, type Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import type { DraftAnswers } from './page-answers.js';
import { errorHeading, questionnaireT, questionnaireTexts } from './questionnaire-texts.js';
import { codedLevelModel, type CodedLevelModel, type Trees } from './place-levels.js';
import { type Lang } from '../../i18n/lang.js';

/**
 * What the page template shows, decided here so the template only loops: which questions,
 * which radio is checked, which error belongs to which field and how they are linked.
 *
 * A question not asked given answers on *other* pages is left out. One whose condition reads
 * answers on *this* page (an "Other, please specify" field) is rendered but marked `skipped`:
 * script hides it live, and without script it stays visible and the server clears it on save.
 */

export interface ErrorLink {
  href: string;
  text: string;
}

interface Common {
  code: string;
  label: string;
  help: string | null;
  helpId: string;
  required: boolean;
  skipped: boolean;
  error: string | null;
  errorId: string;
  /** Ids for aria-describedby: the help text and the error, when present. */
  describedBy: string | null;
}

export interface FieldModel extends Common {
  id: string;
  value: string;
  /** The input's `type` and `inputmode`: the keyboard a phone opens (digits, a phone pad, an @). */
  inputType: 'text' | 'email' | 'tel';
  inputMode: 'text' | 'numeric' | 'decimal' | 'email' | 'tel';
  maxLength: number | null;
}

export interface ChoiceModel {
  id: string;
  value: string;
  label: string;
  checked: boolean;
  specify: FieldModel | null;
}

export interface MatrixRowModel extends Common {
  rowId: string;
  /** The item's number in the published questionnaire ("15"), which the question's help refers to; null when the codes carry none. */
  number: string | null;
  /** "(required)" beside the row: the row is required but its question is not marked so. */
  showRequired: boolean;
  /** `label` is the column's answer text, for screen readers and narrow screens. */
  cells: { id: string; value: string; labelId: string; label: string; checked: boolean }[];
}

export type QuestionModel =
  | (Common & { kind: 'single'; name: string; choices: ChoiceModel[] })
  | (Common & { kind: 'multiple'; name: string; choices: ChoiceModel[] })
  | (Common & { kind: 'matrix'; columns: { id: string; label: string }[]; rows: MatrixRowModel[] })
  | (Common & { kind: 'number' | 'text' | 'longtext'; field: FieldModel })
  | (Common & {
      kind: 'place';
      province: (FieldModel & { choices: { value: string; label: string; selected: boolean }[] }) | null;
      /** Levels below the province: a list of the level above's children when the level takes codes (`coded`), else text. */
      levels: (FieldModel & { coded: CodedLevelModel | null })[];
    });

export interface PageModel {
  surveyId: string;
  title: string;
  intro: string | null;
  progress: string;
  pageNumber: number;
  pageCount: number;
  questions: QuestionModel[];
  errors: ErrorLink[];
  errorHeading: string;
  /** A place level offers a list of the level above's children: the page loads its picker script. */
  hasPlaceLists: boolean;
}

/** The id of the first focusable input of a variable: where an error summary link points. */
export function fieldId(survey: Survey, code: string): string {
  const v = survey.byCode.get(code) ?? survey.byCode.get(survey.multiples.get(code)?.[0]?.code ?? '');
  if (!v) return `q-${code}`;
  if (v.type === 'single' || v.type === 'rating' || v.type === 'matrix-item') return `q-${v.code}-${v.options[0]?.code ?? ''}`;
  return `q-${v.code}`;
}

function questionOf(survey: Survey, name: string): Variable | undefined {
  return survey.byCode.get(name) ?? survey.byCode.get(survey.multiples.get(name)?.[0]?.code ?? '');
}

const samePage = new WeakMap<Variable, boolean>();

/** Whether a variable's condition reads an answer given on the same page (fixed by the definition, so kept). */
function dependsOnPage(survey: Survey, v: Variable): boolean {
  let depends = samePage.get(v);
  if (depends === undefined) {
    depends = Boolean(v.specifies);
    if (!depends && v.relevant) for (const name of namesIn(v.relevant)) if (questionOf(survey, name)?.section === v.section) depends = true;
    samePage.set(v, depends);
  }
  return depends;
}

/**
 * The label an error summary names a field by: a matrix item by its own text (the question
 * above it is on the same page), everything else by its full label.
 */
export function shortLabel(survey: Survey, v: Variable, lang: Lang): string {
  if (v.type === 'matrix-item') {
    for (const section of survey.definition.sections) {
      for (const q of section.questions) {
        if (q.type === 'matrix' && q.code === v.question) return q.items.find((i) => i.code === v.code)?.label[lang] ?? v.label[lang];
      }
    }
  }
  return v.label[lang];
}

/**
 * The numbers of a matrix's items in the published questionnaire, read from their codes when every
 * item's code is the same stem and a number (C9_15 → "15", C10_09 → "9"): the sipas-2023 hints
 * ("Tiếp cận (15–18)") refer to them. Null for each item when the codes do not follow that pattern.
 */
export function itemNumbers(items: readonly { code: string }[]): (string | null)[] {
  const parts = items.map((i) => /^(.*)_(\d+)$/.exec(i.code));
  const stem = parts[0]?.[1];
  if (parts.some((p) => !p || p[1] !== stem)) return items.map(() => null);
  return parts.map((p) => String(Number(p![2])));
}

interface RowInput {
  item: Variable;
  number: string | null;
  label: Text;
  options: readonly Option[];
  lang: Lang;
  skipped: boolean;
  showRequired: boolean;
  error: string | null;
}

function makeMatrixRow({ item, number, label, options, lang, skipped, showRequired, error }: RowInput, answer: number | string | undefined): MatrixRowModel {
  const errorId = `err-${item.code}`;
  return {
    code: item.code,
    label: label[lang],
    help: null,
    helpId: `help-${item.code}`,
    required: item.required,
    skipped,
    error,
    errorId,
    describedBy: error ? errorId : null,
    rowId: `row-${item.code}`,
    number,
    showRequired,
    cells: options.map((o) => ({
      id: `q-${item.code}-${o.code}`,
      value: String(o.code),
      labelId: `lbl-${item.code}-${o.code}`,
      label: o.label[lang],
      checked: answer === o.code,
    })),
  };
}

/** Rows without an error, by language, item, answer, skipped and "(required)": a handful per item. */
const rowsOf = new WeakMap<Survey, Map<string, MatrixRowModel>>();

/**
 * A matrix row is a function of a few small things, so a row without an error is built once and
 * shared, frozen, between requests: the view keeps its HTML by the row object (see the page
 * renderer). An answer that is not one of the options (tampered data) is not kept.
 */
function matrixRow(survey: Survey, input: RowInput, answer: number | string | undefined): MatrixRowModel {
  if (input.error !== null || !(answer === undefined || input.options.some((o) => o.code === answer))) return makeMatrixRow(input, answer);
  let rows = rowsOf.get(survey);
  if (!rows) {
    rows = new Map();
    rowsOf.set(survey, rows);
  }
  const key = `${input.lang} ${input.item.code} ${answer ?? ''} ${input.skipped ? 1 : 0}${input.showRequired ? 1 : 0}`;
  let row = rows.get(key);
  if (!row) {
    row = makeMatrixRow(input, answer);
    for (const cell of row.cells) Object.freeze(cell);
    Object.freeze(row.cells);
    rows.set(key, Object.freeze(row));
  }
  return row;
}

export interface PageInput {
  survey: Survey;
  pageIndex: number;
  answers: DraftAnswers;
  problems: readonly Problem[];
  lang: Lang;
  /** `ruleView(survey, answers)`, when the caller has already made it. */
  view?: Answers;
  /** The official place trees: coded place levels offer their children; without them they are text. */
  places?: Trees | undefined;
}

/** What the helpers below read while one page is built. */
interface PageContext {
  survey: Survey;
  answers: DraftAnswers;
  lang: Lang;
  view: Answers;
  errorOf: Map<string, string>;
  places: Trees | undefined;
}

// The helpers are functions of the module taking the page's context, not closures made inside
// buildPageModel: tsx names every closure it compiles with Object.defineProperty, once per call,
// and a page is built on every view.

/** 'asked', 'skipped' (rendered, hidden by script) or null (left out). */
function stateOf(c: PageContext, v: Variable): 'asked' | 'skipped' | null {
  return isAsked(v, c.view) ? 'asked' : dependsOnPage(c.survey, v) ? 'skipped' : null;
}

function common(c: PageContext, code: string, label: Text, help: Text | undefined, required: boolean, error: string | null, skipped: boolean): Common {
  const helpId = `help-${code}`;
  const errorId = `err-${code}`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || null;
  return { code, label: label[c.lang], help: help ? help[c.lang] : null, helpId, required, skipped, error, errorId, describedBy };
}

function field(c: PageContext, v: Variable, help?: Text): FieldModel {
  const value = c.answers[v.code];
  return Object.assign(
    common(
      c,
      v.code,
      v.type === 'specify' ? questionnaireTexts.specify : v.label,
      help,
      v.required,
      c.errorOf.get(v.code) ?? null,
      stateOf(c, v) === 'skipped',
    ),
    {
      id: `q-${v.code}`,
      value: value === undefined ? '' : String(value),
      inputType: v.format === 'email' ? ('email' as const) : v.format === 'phone' ? ('tel' as const) : ('text' as const),
      inputMode: inputModeOf(v),
      maxLength: v.maxLength ?? null,
    },
  );
}

function inputModeOf(v: Variable): FieldModel['inputMode'] {
  if (v.type === 'number') return v.integer ? 'numeric' : 'decimal';
  if (v.format === 'email') return 'email';
  if (v.format === 'phone') return 'tel';
  return 'text';
}

function specifyOf(c: PageContext, o: Option): FieldModel | null {
  const v = o.specify ? c.survey.byCode.get(o.specify) : undefined;
  return v && stateOf(c, v) ? field(c, v) : null;
}

function singleModel(c: PageContext, q: Extract<Question, { type: 'single' | 'rating' }>): QuestionModel | null {
  const v = c.survey.byCode.get(q.code)!;
  const s = stateOf(c, v);
  if (!s) return null;
  return Object.assign(common(c, q.code, q.label, q.help, v.required, c.errorOf.get(v.code) ?? null, s === 'skipped'), {
    kind: 'single' as const,
    name: v.code,
    choices: v.options.map((o) => ({
      id: `q-${v.code}-${o.code}`,
      value: String(o.code),
      label: o.label[c.lang],
      checked: c.answers[v.code] === o.code,
      specify: specifyOf(c, o),
    })),
  });
}

/** A multiple choice is one flag variable per option: asked as its first flag is, wrong where any flag is. */
function multipleModel(c: PageContext, q: Extract<Question, { type: 'multiple' }>): QuestionModel | null {
  const flags = c.survey.multiples.get(q.code) ?? [];
  const first = c.survey.byCode.get(flags[0]?.code ?? '');
  const s = first ? stateOf(c, first) : null;
  if (!s) return null;
  const error = flags.map((f) => c.errorOf.get(f.code)).find(Boolean) ?? null;
  return Object.assign(common(c, q.code, q.label, q.help, q.required, error, s === 'skipped'), {
    kind: 'multiple' as const,
    name: q.code,
    choices: q.options.map((o) => ({
      id: `q-${q.code}_${o.code}`,
      value: String(o.code),
      label: o.label[c.lang],
      checked: c.answers[`${q.code}_${o.code}`] === 1,
      specify: specifyOf(c, o),
    })),
  });
}

interface ShownItem {
  item: Variable;
  number: string | null;
  label: Text;
  skipped: boolean;
}

/** The items of a matrix that are asked or skipped on this page, with their published numbers. */
function shownItems(c: PageContext, q: Extract<Question, { type: 'matrix' }>): ShownItem[] {
  const shown: ShownItem[] = [];
  const numbers = itemNumbers(q.items);
  q.items.forEach((item, i) => {
    // A reserved item keeps its code only: it is never asked.
    const v = c.survey.byCode.get(item.code);
    const s = v ? stateOf(c, v) : null;
    if (v && s) shown.push({ item: v, number: numbers[i] ?? null, label: item.label, skipped: s === 'skipped' });
  });
  return shown;
}

function matrixModel(c: PageContext, q: Extract<Question, { type: 'matrix' }>): QuestionModel | null {
  const { survey, lang } = c;
  const scale = survey.definition.scales[q.scale]!;
  const shown = shownItems(c, q);
  if (shown.length === 0) return null;
  const required = shown.some((r) => r.item.required);
  const rows = shown.map(({ item, number, label, skipped }) =>
    matrixRow(
      survey,
      { item, number, label, options: scale.options, lang, skipped, showRequired: item.required && !required, error: c.errorOf.get(item.code) ?? null },
      c.answers[item.code],
    ),
  );
  return Object.assign(
    common(
      c,
      q.code,
      q.label,
      q.help,
      required,
      null,
      shown.every((r) => r.skipped),
    ),
    {
      kind: 'matrix' as const,
      columns: scale.options.map((o) => ({ id: `col-${q.code}-${o.code}`, label: o.label[lang] })),
      rows,
    },
  );
}

function fieldQuestionModel(c: PageContext, q: Extract<Question, { type: 'number' | 'text' | 'longtext' }>): QuestionModel | null {
  const v = c.survey.byCode.get(q.code)!;
  if (!stateOf(c, v)) return null;
  const f = field(c, v, q.help);
  return Object.assign({}, f, { kind: q.type, field: f });
}

/** A place question: the province as a list of the survey's provinces, the levels below as lists (coded) or text. */
function placeModel(c: PageContext, q: Extract<Question, { type: 'place' }>): QuestionModel | null {
  const { survey, answers, lang } = c;
  const levels = q.levels.map((l) => survey.byCode.get(l.code)!).filter((v) => stateOf(c, v));
  if (levels.length === 0) return null;
  const provinceVar = levels.find((v) => v.type === 'place-province');
  const province = provinceVar
    ? Object.assign(field(c, provinceVar), {
        choices: survey.places.places.map((p) => ({
          value: p.code,
          label: lang === 'en' ? p.nameEn : p.nameVi,
          selected: answers[provinceVar.code] === p.code,
        })),
      })
    : null;
  return Object.assign(
    common(
      c,
      q.code,
      q.label,
      q.help,
      levels.some((v) => v.required),
      null,
      levels.every((v) => stateOf(c, v) === 'skipped'),
    ),
    {
      kind: 'place' as const,
      province,
      levels: levels.filter((v) => v !== provinceVar).map((v) => Object.assign(field(c, v), { coded: codedLevelModel(survey, v, answers, c.places, lang) })),
    },
  );
}

function questionModel(c: PageContext, q: Question): QuestionModel | null {
  switch (q.type) {
    case 'single':
    case 'rating':
      return singleModel(c, q);
    case 'multiple':
      return multipleModel(c, q);
    case 'matrix':
      return matrixModel(c, q);
    case 'number':
    case 'text':
    case 'longtext':
      return fieldQuestionModel(c, q);
    case 'place':
      return placeModel(c, q);
  }
}

export function buildPageModel({ survey, pageIndex, answers, problems, lang, view = ruleView(survey, answers), places }: PageInput): PageModel {
  const section = survey.definition.sections[pageIndex]!;
  const errorOf = new Map<string, string>();
  for (const p of problems) {
    const key = survey.byCode.has(p.code) ? p.code : (questionOf(survey, p.code)?.code ?? p.code);
    if (!errorOf.has(key)) errorOf.set(key, p.message[lang]);
  }
  const c: PageContext = { survey, answers, lang, view, errorOf, places };
  const questions: QuestionModel[] = [];
  for (const q of section.questions) {
    const model = questionModel(c, q);
    if (model) questions.push(model);
  }

  const errors: ErrorLink[] = problems.map((p) => {
    const v = questionOf(survey, p.code);
    return { href: `#${fieldId(survey, p.code)}`, text: `${v ? shortLabel(survey, v, lang) : p.code}: ${p.message[lang]}` };
  });
  const pageCount = survey.definition.sections.length;
  return {
    surveyId: survey.id,
    title: section.title[lang],
    intro: section.intro ? section.intro[lang] : null,
    progress: questionnaireT[lang]('progress', { n: pageIndex + 1, total: pageCount }),
    pageNumber: pageIndex + 1,
    pageCount,
    questions,
    errors,
    hasPlaceLists: questions.some((q) => q.kind === 'place' && q.levels.some((l) => l.coded !== null)),
    errorHeading: errorHeading(questionnaireT[lang], errors.length),
  };
}
