import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import type { AnswerValue } from '../../src/modules/rules/evaluate-expression.js';
import { isDrawnForVerification } from '../../src/modules/keying/sample-verification.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';

/** A valid paper form of `survey` in province 01, as the keying screen's fields (strings). */
export function paperForm(survey: Survey, serial: string, seed: number): Record<string, string> {
  const answers = randomAnswers(survey, seededRandom(seed), serial, { provinces: ['01'] });
  return Object.fromEntries(Object.entries(answers).map(([k, v]: [string, AnswerValue]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
}

/**
 * Serials that sample verification does not draw in this batch (at the base 10% share), so a
 * single-entry test knows its form becomes verified at once.
 */
export function undrawnSerials(surveyId: string, batchId: number, prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; out.length < n; i++) {
    const serial = `${prefix}${String(i).padStart(5, '0')}`;
    if (!isDrawnForVerification(`${surveyId}:${batchId}`, serial, 0.1)) out.push(serial);
  }
  return out;
}

/** A coded field of the form, and a different valid code for it (to make a keyer disagree). */
export function otherCode(survey: Survey, form: Record<string, string>, skip = 0): { code: string; value: string } {
  const candidates = survey.variables.filter((v) => (v.type === 'matrix-item' || v.type === 'single') && form[v.code] !== undefined && v.options.length > 1);
  const v = candidates[skip]!;
  const other = v.options.find((o) => String(o.code) !== form[v.code])!;
  return { code: v.code, value: String(other.code) };
}
