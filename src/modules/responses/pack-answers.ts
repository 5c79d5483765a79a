import type { Survey } from '../definitions/compile-survey.js';
import type { Answers, AnswerValue } from '../rules/evaluate-expression.js';
import { isAsked, ruleView } from '../rules/check-answers.js';

/**
 * The two kinds of missing in the packed codes: 0 = the question was asked and left blank (or a
 * multiple-choice option not chosen); 255 = the form's own skip logic did not ask it. Answer
 * codes are 1–254. Rows stored before the distinction hold 0 for both.
 */
export const BLANK = 0;
export const NOT_ASKED = 255;

/** A response as stored: one byte per coded variable plus the other values as JSON-able data. */
export interface PackedAnswers {
  codes: Buffer;
  values: Record<string, string | number>;
  province: string | null;
  district: string | null;
  commune: string | null;
}

/**
 * Packs checked answers for storage. Coded variables go to their byte slot (BLANK when not
 * answered, NOT_ASKED when skip logic leaves them out); numbers, texts and places go to
 * `values` (absent when missing: whether such a value was asked follows from the stored codes
 * and the definition's rules); the serial is stored in its own column, not here. `codes` may be
 * a zeroed slice of a bigger buffer (a bulk import packs a block of rows into one).
 */
export function packAnswers(survey: Survey, answers: Answers, codes: Buffer = Buffer.alloc(survey.codedCount)): PackedAnswers {
  const values: Record<string, string | number> = {};
  let view: Answers | null = null;
  for (const v of survey.variables) {
    if (v.type === 'serial') continue;
    const value = answers[v.code];
    if (value === undefined || value === null || value === '' || (value === 0 && v.type === 'multiple-option')) {
      if (v.slot >= 0 && v.relevant !== null && !isAsked(v, (view ??= ruleView(survey, answers)))) codes[v.slot] = NOT_ASKED;
      continue;
    }
    if (v.slot >= 0) {
      codes[v.slot] = typeof value === 'number' ? value : Number(value);
    } else if (typeof value === 'string' || typeof value === 'number') {
      values[v.code] = value;
    }
  }
  const vars = survey.definition.variables;
  return { codes, values, province: roleValue(answers, vars.province), district: roleValue(answers, vars.district), commune: roleValue(answers, vars.commune) };
}

/** A place role's value as stored in its own column (a module-level function: no closure per response). */
export function roleValue(answers: Answers, code: string | undefined): string | null {
  if (!code) return null;
  const value = answers[code];
  return value === undefined || value === null || value === '' ? null : String(value);
}

/** The inverse of packAnswers: the answers a stored response holds, keyed by variable code. */
export function unpackAnswers(survey: Survey, codes: Uint8Array, values: Readonly<Record<string, string | number>>): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const v of survey.variables) {
    if (v.slot >= 0) {
      const code = codes[v.slot] ?? BLANK;
      if (code !== BLANK && code !== NOT_ASKED) answers[v.code] = code;
    } else if (v.code in values) {
      answers[v.code] = values[v.code]!;
    }
  }
  return answers;
}
