import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import type { AnswerValue, Answers } from '../rules/evaluate-expression.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { responseTexts } from './response-texts.js';

/**
 * View models of one stored response: its answers as labelled rows (read page, edit form),
 * what an edit form sends back as answers, and what changed between two sets of answers.
 * Pure: no express, no database.
 */

export interface AnswerRow {
  code: string;
  label: string;
  /** What the page shows: the option's label with its code, or the value itself; '' when unanswered. */
  shown: string;
  /** The form field's value. */
  raw: string;
  input: 'select' | 'number' | 'text';
  options: { code: number; label: string; selected: boolean }[];
  error: string | null;
  errorId: string;
  /** An identifying question whose answer is not shown: the edit page has no field for it (the save keeps it). */
  hidden: boolean;
}

const FIELD = 'a.';
export const fieldName = (code: string): string => FIELD + code;

function rawOf(value: AnswerValue | undefined): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** What a page shows instead of an answer that identifies a person. */
/**
 * The rows of a response's answers. `hideIdentities`: answers to questions marked `identifying`
 * show as hidden (the read page, unless an administrator asked for them).
 */
export function answerRows(survey: Survey, answers: Answers, lang: Lang, problems: readonly Problem[] = [], hideIdentities = false): AnswerRow[] {
  const hiddenIdentity = textsIn(responseTexts, lang)('hiddenIdentity');
  const errors = new Map<string, string>();
  for (const p of problems) if (!errors.has(p.code)) errors.set(p.code, p.message[lang]);
  return survey.variables
    .filter((v) => v.type !== 'serial')
    .map((v) => {
      const hidden = hideIdentities && v.identifying === true;
      const answered = answers[v.code] !== undefined && answers[v.code] !== null;
      // That an answer exists shows; what it is does not.
      const value = hidden ? (answered ? hiddenIdentity : undefined) : answers[v.code];
      const raw = rawOf(value);
      const option = typeof value === 'number' ? v.options.find((o) => o.code === value) : undefined;
      return {
        code: v.code,
        label: v.label[lang],
        shown: option ? `${option.code} · ${option.label[lang]}` : raw,
        raw,
        input: v.slot >= 0 ? 'select' : v.type === 'number' ? 'number' : 'text',
        options: v.slot >= 0 ? v.options.map((o) => ({ code: o.code, label: o.label[lang], selected: o.code === value })) : [],
        error: errors.get(v.code) ?? null,
        errorId: `err-${v.code}`,
        hidden,
      };
    });
}

function parseField(variable: Variable, raw: unknown): AnswerValue | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  // Anything that is not a plain number is kept as typed, so checkAnswers names the mistake.
  if (variable.slot >= 0) return /^\d{1,3}$/.test(s) ? Number(s) : s;
  if (variable.type === 'number') return /^-?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : s;
  return s;
}

/** The answers an edit form sends (`a.<code>` fields); the serial is never edited here. */
export function readEditForm(survey: Survey, body: Readonly<Record<string, unknown>>): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const v of survey.variables) {
    if (v.type === 'serial') continue;
    const value = parseField(v, body[fieldName(v.code)]);
    if (value !== undefined) answers[v.code] = value;
  }
  return answers;
}

/** Only what changed, as the audit trail stores it: `{ before: { Q1: 3 }, after: { Q1: 5 } }` (null = no answer). */
export function changedAnswers(before: Answers, after: Answers): { before: Record<string, AnswerValue>; after: Record<string, AnswerValue> } {
  const b: Record<string, AnswerValue> = {};
  const a: Record<string, AnswerValue> = {};
  for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = before[code] ?? null;
    const y = after[code] ?? null;
    if (rawOf(x) !== rawOf(y)) {
      b[code] = x;
      a[code] = y;
    }
  }
  return { before: b, after: a };
}
