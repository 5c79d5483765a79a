import type { Survey } from '../definitions/compile-survey.js';
import type { AnswerValue } from '../rules/evaluate-expression.js';
import { displayValue, parseKeyedValue, type KeyedAnswers } from './keyed-form.js';

/** One field where the two blind entries of a paper form differ. */
export interface FieldDifference {
  variable: string;
  first: string | null;
  second: string | null;
}

/**
 * Compares the first and second entry of one paper form field by field, in codebook order.
 * Texts are compared after trimming and folding runs of spaces, so a double space is not a
 * disagreement; anything else that differs (a code, a digit, a letter) is.
 */
export function compareEntries(survey: Survey, first: KeyedAnswers, second: KeyedAnswers): FieldDifference[] {
  const norm = (v: AnswerValue | undefined): string | null => displayValue(v)?.replace(/\s+/g, ' ').trim() || null;
  const out: FieldDifference[] = [];
  for (const v of survey.variables) {
    if (v.type === 'serial') continue;
    const a = norm(first[v.code]);
    const b = norm(second[v.code]);
    if (a !== b) out.push({ variable: v.code, first: displayValue(first[v.code]), second: displayValue(second[v.code]) });
  }
  return out;
}

/** Which entry keyed the field wrongly: 1 or 2, or 0 when the right value is neither. */
export type AgainstPass = 0 | 1 | 2;

export interface ResolvedField extends FieldDifference {
  resolved: string | null;
  againstPass: AgainstPass;
}

/**
 * A supervisor's choice for each disagreement: `'1'` or `'2'` takes that entry's value,
 * anything else typed in `typed` is the value read off the paper. Returns the final answers
 * (the first entry with the resolved fields replaced) and, per field, which pass was wrong.
 * A field with neither a pick nor a typed value is reported in `missing`.
 */
export function resolveDifferences(
  survey: Survey,
  first: KeyedAnswers,
  differences: readonly FieldDifference[],
  picks: Readonly<Record<string, string | undefined>>,
  typed: Readonly<Record<string, string | undefined>>,
): { answers: KeyedAnswers; fields: ResolvedField[]; missing: string[] } {
  const answers: KeyedAnswers = { ...first };
  const fields: ResolvedField[] = [];
  const missing: string[] = [];
  for (const d of differences) {
    const variable = survey.byCode.get(d.variable);
    if (!variable) continue;
    const pick = picks[d.variable];
    const text = typed[d.variable]?.trim() ?? '';
    let raw: string | null;
    if (text !== '') raw = text;
    else if (pick === '1') raw = d.first;
    else if (pick === '2') raw = d.second;
    else {
      missing.push(d.variable);
      continue;
    }
    const value = parseKeyedValue(variable, raw ?? '');
    if (value === undefined) delete answers[d.variable];
    else answers[d.variable] = value;
    const resolved = displayValue(value);
    const againstPass: AgainstPass = resolved === d.first ? 2 : resolved === d.second ? 1 : 0;
    fields.push({ ...d, resolved, againstPass });
  }
  return { answers, fields, missing };
}
