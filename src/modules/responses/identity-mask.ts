import type { Survey } from '../definitions/compile-survey.js';
import type { Answers } from '../rules/evaluate-expression.js';

/** What a staff page shows for an answer that identifies a person: that there is one, never what it is. */
export const MASK = '•••';

/** The codes of the questions marked `identifying` in the definition. */
export function identifyingCodes(survey: Survey): ReadonlySet<string> {
  return new Set(survey.variables.filter((v) => v.identifying === true).map((v) => v.code));
}

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/**
 * A copy of any JSON value (an audit entry's before, after or detail) in which every value held
 * under an identifying question's code, at any depth, is MASK: `{ answers: { A0A: 'Bình' } }`
 * becomes `{ answers: { A0A: '•••' } }`; a missing answer stays missing.
 */
export function maskIdentities(value: unknown, codes: ReadonlySet<string>): unknown {
  if (codes.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskIdentities(v, codes));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, codes.has(k) && present(v) ? MASK : maskIdentities(v, codes)]),
  );
}

/**
 * The answers an edit saves: what the form sent, with the identifying answers as stored. The
 * edit page never shows them (nor sends them), so leaving them to the form would blank them;
 * and a field posted for one of them is ignored, so no edit overwrites them.
 */
export function keepIdentities(survey: Survey, stored: Answers, edited: Answers): Answers {
  const codes = identifyingCodes(survey);
  const out: Record<string, Answers[string]> = {};
  for (const [code, value] of Object.entries(edited)) if (!codes.has(code)) out[code] = value;
  for (const code of codes) if (stored[code] !== undefined) out[code] = stored[code];
  return out;
}

/** A response's history as staff pages show it: every answer of an identifying question masked (audit entries store answers). */
export function maskedHistory<E extends { before: unknown; after: unknown; detail: unknown }>(entries: readonly E[], survey: Survey): E[] {
  const codes = identifyingCodes(survey);
  return entries.map((e) => ({
    ...e,
    before: maskIdentities(e.before, codes),
    after: maskIdentities(e.after, codes),
    detail: maskIdentities(e.detail, codes),
  }));
}
