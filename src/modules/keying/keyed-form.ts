import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Text } from '../definitions/survey-schema.js';
import type { AnswerValue } from '../rules/evaluate-expression.js';
import { checkAnswers, type Problem } from '../rules/check-answers.js';
import { isValidSerial, serialFormatMessage } from '../definitions/serial-format.js';
import { bothLangs } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';

/**
 * Reading a keyed paper form: the body of the keying screen's POST is one string per variable
 * (what the enumerator typed); this turns it into answers the rule module can check, the same
 * answers a CSV row or the online form would give.
 */

export type KeyedAnswers = Record<string, AnswerValue>;

/**
 * Why a keyer may mark a form incomplete (it is then left out of the index). Stored as the
 * response's incomplete_reason. Blank answers alone need no reason: a form below the
 * definition's usability rule is stored incomplete by itself (UNUSABLE_REASON).
 */
export const incompleteReasons = {
  unreadable: { vi: 'Không đọc được', en: 'Unreadable' },
  refused: { vi: 'Người trả lời từ chối', en: 'Respondent refused' },
  blank: { vi: 'Phiếu để trống', en: 'Blank form' },
  damaged: { vi: 'Phiếu bị hỏng, rách', en: 'Damaged form' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
} as const satisfies Record<string, Text>;
export type IncompleteReason = keyof typeof incompleteReasons;

export function isIncompleteReason(v: unknown): v is IncompleteReason {
  return typeof v === 'string' && Object.hasOwn(incompleteReasons, v);
}

export const isCoded = (v: Variable): boolean => v.slot >= 0;

/** Parses what was typed for one variable; anything unparseable is kept as text so the check names it. */
export function parseKeyedValue(variable: Variable, raw: unknown): AnswerValue | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  if (isCoded(variable)) {
    if (!/^\d{1,3}$/.test(s)) return s;
    const n = Number(s);
    // On paper an unticked box is keyed 0: the same as no answer.
    if (variable.type === 'multiple-option' && n === 0) return undefined;
    return n;
  }
  if (variable.type === 'number') return /^-?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : s;
  return s;
}

export interface KeyedForm {
  serial: string;
  answers: KeyedAnswers;
  reason: IncompleteReason | null;
  /** Fields with something typed in them, serial included (for keying speed). */
  fieldsKeyed: number;
}

export function readKeyedForm(survey: Survey, body: Readonly<Record<string, unknown>>): KeyedForm {
  const answers: KeyedAnswers = {};
  let serial = '';
  for (const v of survey.variables) {
    if (v.type === 'serial') {
      serial = typeof body[v.code] === 'string' ? (body[v.code] as string).trim() : '';
      continue;
    }
    const value = parseKeyedValue(v, body[v.code]);
    if (value !== undefined) answers[v.code] = value;
  }
  const reason = isIncompleteReason(body.incomplete) ? body.incomplete : null;
  return { serial, answers, reason, fieldsKeyed: Object.keys(answers).length + (serial ? 1 : 0) };
}

/**
 * Every problem with a keyed form, linked to its field. A paper form may leave any answer blank
 * (with or without a reason), but what it holds must still be valid codes.
 */
export function keyedFormProblems(survey: Survey, form: KeyedForm, batchProvince: string | null): Problem[] {
  const problems: Problem[] = [];
  const serialCode = survey.definition.serial.code;
  if (form.serial === '') {
    problems.push({ code: serialCode, kind: 'required', value: null, message: keyingPageTexts.serialRequired });
  } else if (!isValidSerial(form.serial)) {
    problems.push({
      code: serialCode,
      kind: 'unknown_code',
      value: form.serial,
      message: serialFormatMessage,
    });
  }
  problems.push(...checkAnswers(survey, form.answers, undefined, 'paper'));
  const provinceCode = survey.definition.variables.province;
  const province = form.answers[provinceCode];
  if (batchProvince !== null && province !== undefined && String(province) !== batchProvince && !problems.some((p) => p.code === provinceCode)) {
    problems.push({
      code: provinceCode,
      kind: 'check_failed',
      value: province,
      message: bothLangs(keyingPageTexts, 'batchProvince', { province: batchProvince }),
    });
  }
  return problems;
}

/** A value as shown and compared: codes and numbers as their digits, nothing as null. */
export function displayValue(value: AnswerValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  return Array.isArray(value) ? value.join(',') : String(value);
}
