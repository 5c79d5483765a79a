import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import { isTrue, evaluate, type Answers, type AnswerValue } from './evaluate-expression.js';
import { placeListNames } from '../definitions/place-list.js';
import { checkPlaceCode, placeCodeMessage } from '../places/check-place-code.js';

export type ProblemKind =
  'required' | 'not_asked' | 'unknown_code' | 'out_of_range' | 'not_a_number' | 'too_long' | 'unknown_province' | 'unknown_place' | 'check_failed';

export interface Problem {
  /** Variable code the problem belongs to (the field to link the message to). */
  code: string;
  kind: ProblemKind;
  value: AnswerValue | undefined;
  message: Text;
}

/**
 * The answers as rules read them: a multiple-choice question's code gives its chosen codes.
 * A shallow copy, not a view with the answers as its prototype: V8 turns an object used as a
 * prototype into a slow dictionary, and every rule then reads through it (docs/decisions/0002).
 */
export function ruleView(survey: Survey, answers: Answers): Answers {
  if (survey.multiples.size === 0) return answers;
  // Copied onto a blank with every name already in place, not spread from `answers`: answers
  // come in many shapes, and V8 then copies them property by property, growing the new
  // object's storage as it goes. Spreading the one blank is a
  // copy of a known shape, and assigning its names keeps that shape.
  const view = { ...blankView(survey) } as Record<string, AnswerValue | undefined>;
  // A key "__proto__" (JSON.parse makes it an own key) would set the view's prototype if assigned.
  for (const code in answers) if (code !== '__proto__') view[code] = answers[code];
  addChosen(survey, answers, view);
  return view;
}

const blanks = new WeakMap<Survey, Readonly<Record<string, undefined>>>();

/** Every name a rule can read in `survey` (its variables and multiple-choice questions), each undefined. */
function blankView(survey: Survey): Readonly<Record<string, undefined>> {
  let blank = blanks.get(survey);
  if (!blank) {
    // Object.fromEntries makes an object of fast properties; adding ninety names one by one to
    // {} would turn it into a dictionary, and its copies too.
    const names = [...survey.variables.map((v) => v.code), ...survey.multiples.keys()];
    blanks.set(survey, (blank = Object.fromEntries(names.map((name) => [name, undefined]))));
  }
  return blank;
}

/**
 * Sets each multiple-choice question's chosen codes on `view`, from the flags in `answers`
 * (the same object when a caller keeps its own view, as the import's row packer does).
 */
export function addChosen(survey: Survey, answers: Answers, view: Record<string, AnswerValue | undefined>): void {
  // Plain loops, no closures: this runs once per row of a million-row import.
  for (const [question, flags] of survey.multiples) {
    const chosen: number[] = [];
    for (const f of flags) if (answers[f.code] === 1) chosen.push(f.option);
    view[question] = chosen;
  }
}

/** Whether a variable is asked, given the other answers (skip logic). */
export function isAsked(variable: Variable, answers: Answers): boolean {
  if (variable.specifies) {
    const chosen = answers[variable.specifies.variable];
    return Array.isArray(chosen) ? chosen.includes(variable.specifies.option) : Number(chosen) === variable.specifies.option;
  }
  return variable.relevant === null || isTrue(variable.relevant, answers);
}

function isEmpty(v: AnswerValue | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

const fmt = (vi: string, en: string): Text => ({ vi, en });

function makeProblem(variable: Variable, value: AnswerValue, kind: ProblemKind, message: Text): Problem {
  return { code: variable.code, kind, value, message };
}

function hasOption(variable: Variable, code: number): boolean {
  for (const o of variable.options) if (o.code === code) return true;
  return false;
}

/** Whether a multiple-choice question is required (its flags are not), cached per survey. */
const requiredMultiples = new WeakMap<Survey, ReadonlySet<string>>();
function isRequiredMultiple(survey: Survey, question: string): boolean {
  let set = requiredMultiples.get(survey);
  if (!set) {
    set = new Set(
      survey.definition.sections
        .flatMap((s) => s.questions)
        .filter((q) => q.type === 'multiple' && q.required)
        .map((q) => q.code),
    );
    requiredMultiples.set(survey, set);
  }
  return set.has(question);
}

/**
 * A district or commune of the era's list, under the code of the level above. Without reference
 * lists (a hand-made test list) the survey cannot take these codes at all.
 */
function checkPlace(variable: Variable, value: AnswerValue, survey: Survey, answers: Answers): Problem | null {
  const place = variable.place!;
  const tree = survey.places.tree();
  if (!tree) throw new Error(`${survey.id}: ${variable.code} takes ${place.level} codes, but its place list was not read from the reference lists`);
  const code = String(value);
  const parentValue = place.parent === null ? null : answers[place.parent];
  const parent = parentValue === undefined || parentValue === null || typeof parentValue === 'object' ? null : String(parentValue);
  const problem = checkPlaceCode(tree, place.level, parent, code);
  return problem ? makeProblem(variable, value, 'unknown_place', placeCodeMessage(problem, code, place.era)) : null;
}

function checkValue(variable: Variable, value: AnswerValue, survey: Survey, answers: Answers): Problem | null {
  if (variable.place && variable.place.level !== 'province') return checkPlace(variable, value, survey, answers);
  switch (variable.type) {
    case 'single':
    case 'rating':
    case 'matrix-item':
    case 'multiple-option': {
      if (typeof value !== 'number' || !hasOption(variable, value)) {
        const allowed = variable.options.map((o) => o.code).join(', ');
        return makeProblem(
          variable,
          value,
          'unknown_code',
          fmt(`mã "${String(value)}" không có trong danh sách (${allowed})`, `code "${String(value)}" is not one of ${allowed}`),
        );
      }
      return null;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'object' || !Number.isFinite(n) || (variable.integer && !Number.isInteger(n))) {
        return makeProblem(
          variable,
          value,
          'not_a_number',
          fmt(
            `"${String(value)}" không phải là số${variable.integer ? ' nguyên' : ''}`,
            `"${String(value)}" is not ${variable.integer ? 'a whole number' : 'a number'}`,
          ),
        );
      }
      if ((variable.min !== undefined && n < variable.min) || (variable.max !== undefined && n > variable.max)) {
        return makeProblem(
          variable,
          value,
          'out_of_range',
          fmt(`${n} nằm ngoài khoảng ${variable.min ?? '…'}–${variable.max ?? '…'}`, `${n} is outside ${variable.min ?? '…'}–${variable.max ?? '…'}`),
        );
      }
      return null;
    }
    case 'place-province':
      if (!survey.places.byCode.has(String(value))) {
        return makeProblem(
          variable,
          value,
          'unknown_province',
          fmt(
            `mã tỉnh "${String(value)}" không có trong ${placeListNames[survey.places.id].vi}`,
            `province code "${String(value)}" is not in ${placeListNames[survey.places.id].en}`,
          ),
        );
      }
      return null;
    default: {
      const max = variable.maxLength ?? 500;
      if (String(value).length > max) return makeProblem(variable, value, 'too_long', fmt(`dài quá ${max} ký tự`, `longer than ${max} characters`));
      return null;
    }
  }
}

/**
 * The variables and cross checks a subset names, worked out once per subset: an import checks
 * a million rows against the same one.
 */
const selections = new WeakMap<ReadonlySet<string>, { survey: Survey; variables: readonly Variable[]; checks: Survey['checks'] }>();
function selection(survey: Survey, only: ReadonlySet<string>): { variables: readonly Variable[]; checks: Survey['checks'] } {
  const cached = selections.get(only);
  if (cached?.survey === survey) return cached;
  const made = { survey, variables: survey.variables.filter((v) => only.has(v.code)), checks: survey.checks.filter((c) => c.names.some((n) => only.has(n))) };
  selections.set(only, made);
  return made;
}

/**
 * Where answers come from. `required` is what the online form enforces; a paper form (keyed,
 * imported, later scanned) cannot force an answer, so there a blank is missing data and only
 * the definition's usability rule (`isUsable`) decides whether the form counts.
 */
export type AnswerSource = 'online' | 'paper';

/**
 * Checks one response against its survey: every rule of the definition, the same for the web
 * form, the keying screen, the CSV import and stored data. Returns every problem, in
 * questionnaire order; an empty list means the response can be stored.
 *
 * `only` limits the check to some variables (one page of the web form); rules that read
 * answers from other pages still see them. From `paper`, a missing answer is no problem.
 */
export function checkAnswers(survey: Survey, given: Answers, only?: ReadonlySet<string>, source: AnswerSource = 'online'): Problem[] {
  return checkRuleView(survey, ruleView(survey, given), only, source);
}

/**
 * Whether a paper form holds enough answers to be used: its definition's `usable` rule over the
 * answers' rule view (true when the definition has no rule; a rule that cannot be decided counts
 * as not met).
 */
export function isUsable(survey: Survey, view: Answers): boolean {
  return survey.usable === null || isTrue(survey.usable.rule, view);
}

/** `checkAnswers` over answers already in their rule view (see `ruleView` and `addChosen`). */
export function checkRuleView(survey: Survey, answers: Answers, only?: ReadonlySet<string>, source: AnswerSource = 'online'): Problem[] {
  const enforceRequired = source === 'online';
  const problems: Problem[] = [];
  const selected = only ? selection(survey, only) : { variables: survey.variables, checks: survey.checks };
  for (const variable of selected.variables) {
    if (variable.type === 'serial') continue;
    const value = answers[variable.code];
    const asked = isAsked(variable, answers);
    if (!asked) {
      if (!isEmpty(value)) {
        problems.push({
          code: variable.code,
          kind: 'not_asked',
          value,
          message: fmt('câu này không được hỏi theo các câu trả lời trước, phải để trống', 'this question is skipped given earlier answers and must be empty'),
        });
      }
      continue;
    }
    if (variable.type === 'multiple-option' && (value === 0 || isEmpty(value))) {
      const flags = survey.multiples.get(variable.question)!;
      if (enforceRequired && flags[0]?.code === variable.code && isRequiredMultiple(survey, variable.question) && isEmpty(answers[variable.question])) {
        problems.push({ code: variable.code, kind: 'required', value, message: fmt('cần chọn ít nhất một phương án', 'choose at least one option') });
      }
      continue;
    }
    if (isEmpty(value)) {
      if (variable.required && enforceRequired) {
        problems.push({ code: variable.code, kind: 'required', value, message: fmt('cần trả lời câu này', 'an answer is required') });
      }
      continue;
    }
    const problem = checkValue(variable, value as AnswerValue, survey, answers);
    if (problem) problems.push(problem);
  }
  for (const check of selected.checks) {
    if (check.names.some((n) => isEmpty(answers[n]))) continue;
    const v = evaluate(check.rule, answers);
    if (v === false) {
      const first = check.names[0] ?? check.question;
      problems.push({ code: survey.byCode.has(first) ? first : check.question, kind: 'check_failed', value: answers[first], message: check.message });
    }
  }
  return problems;
}
