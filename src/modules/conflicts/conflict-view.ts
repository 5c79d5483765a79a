import type { Survey } from '../definitions/compile-survey.js';
import type { AnswerValue, Answers } from '../rules/evaluate-expression.js';
import { unpackAnswers } from '../responses/pack-answers.js';
import type { StoredIncoming } from './conflict-repository.js';
import { type Lang } from '../../i18n/lang.js';

/**
 * View models of the conflict pages: the incoming answers as answers (whichever writer stored
 * them), and the stored and incoming answers side by side per variable. Pure: no express, no
 * database.
 */

/** The incoming answers keyed by variable code, unpacked with the definition they were packed under. */
export function incomingAnswersOf(survey: Survey, incoming: StoredIncoming): Record<string, AnswerValue> {
  if (incoming.form === 'answers') {
    const out: Record<string, AnswerValue> = {};
    for (const [code, value] of Object.entries(incoming.answers))
      if (value !== undefined && value !== null && value !== '' && code !== survey.definition.serial.code) out[code] = value;
    return out;
  }
  return unpackAnswers(survey, incoming.codes, incoming.values);
}

export interface SideBySideRow {
  code: string;
  label: string;
  /** Shown text: the option's code and label, or the value itself; '' when unanswered. */
  stored: string;
  incoming: string;
  differs: boolean;
}

function shown(survey: Survey, code: string, value: AnswerValue | undefined, lang: Lang): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  const option = typeof value === 'number' ? survey.byCode.get(code)?.options.find((o) => o.code === value) : undefined;
  return option ? `${option.code} · ${option.label[lang]}` : String(value);
}

const rawOf = (v: AnswerValue | undefined): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));

/** Every variable of the definition (the serial aside) with both values, labelled, and whether they differ. */
export function sideBySide(survey: Survey, stored: Answers, incoming: Answers, lang: Lang): SideBySideRow[] {
  return survey.variables
    .filter((v) => v.type !== 'serial')
    .map((v) => ({
      code: v.code,
      label: v.label[lang],
      stored: shown(survey, v.code, stored[v.code], lang),
      incoming: shown(survey, v.code, incoming[v.code], lang),
      differs: rawOf(stored[v.code]) !== rawOf(incoming[v.code]),
    }));
}

/**
 * What a supervisor decides on first: the rows that differ (in the definition's order), and the
 * rows both sides agree on, shown only on request.
 */
export function differingFirst(rows: readonly SideBySideRow[]): { differing: SideBySideRow[]; same: SideBySideRow[] } {
  return { differing: rows.filter((r) => r.differs), same: rows.filter((r) => !r.differs) };
}
