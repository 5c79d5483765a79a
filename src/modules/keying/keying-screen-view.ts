import type { Survey, Variable } from '../definitions/compile-survey.js';
import type { Question } from '../definitions/survey-schema.js';
import { isAsked, ruleView, type Problem } from '../rules/check-answers.js';
import { displayValue, incompleteReasons, isCoded, type KeyedAnswers } from './keyed-form.js';
import { type Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';
import { placeChoices, type KeyingTrees } from './keyed-places.js';

export interface KeyingField {
  code: string;
  id: string;
  label: string;
  type: Variable['type'];
  /** numeric fields bring up the number pad and auto-advance once a code is complete. */
  numeric: boolean;
  maxLength: number;
  /** How wide the box is, by kind (a CSS class): a code as wide as its longest code, a number, the serial, a text across. */
  width: FieldWidth;
  value: string;
  /** Label of the code typed, shown beside the field. */
  chosenLabel: string;
  skipped: boolean;
  required: boolean;
  error: string | null;
  /** Data for the screen's script, as JSON strings in data- attributes (CSP forbids inline scripts). */
  codesJson: string;
  relevantJson: string;
  specifies: string;
  /** Ask the server's checks when the field is left: rules read it, or it is not a plain code. */
  checkOnLeave: boolean;
  /** A place field taking a code or the first letters of a name: the field above it ('' for the province) and where its list comes from. */
  place: { parent: string; listUrl: string } | null;
}

export type FieldWidth = `code-${1 | 2 | 3 | 4}` | 'number' | 'serial' | 'text';

/**
 * A box sized to what is typed in it: a code box a character or two wide (so the code's label
 * beside it is near), a number for a year or an amount, the serial ("HN25-000001") whole, and a
 * text (a place name, a comment) across the row. By kind, not by question, so any definition
 * (and a place picker put in a text's place) gets the same.
 */
export function fieldWidth(v: Variable, longestCode: number): FieldWidth {
  if (isCoded(v) || v.type === 'place-province') return `code-${Math.min(4, Math.max(1, longestCode)) as 1 | 2 | 3 | 4}`;
  if (v.type === 'serial') return 'serial';
  if (v.type === 'number') return 'number';
  return 'text';
}

export interface KeyingGroup {
  question: string;
  legend: string;
  fields: KeyingField[];
}

export interface KeyingScreen {
  groups: KeyingGroup[];
  serial: KeyingField;
  multiplesJson: string;
  errors: { id: string; label: string; message: string }[];
  reasons: { code: string; label: string; selected: boolean }[];
}

function codeLabels(survey: Survey, v: Variable, lang: Lang): Map<string, string> {
  if (v.type === 'place-province') return new Map(survey.places.places.map((p) => [p.code, lang === 'en' ? p.nameEn : p.nameVi]));
  if (v.type === 'multiple-option')
    return new Map([
      ['0', textsIn(keyingPageTexts, lang)('notChosen')],
      ['1', textsIn(keyingPageTexts, lang)('chosen')],
    ]);
  return new Map(v.options.map((o) => [String(o.code), o.label[lang]]));
}

/** Room for the first letters of a place's name, or the whole of a long one. */
const PLACE_NAME_LENGTH = 60;

/** A field's own label without its question's label in front (matrix items, options, specify). */
function shortLabel(v: Variable, question: Question | undefined, lang: Lang): string {
  const full = v.label[lang];
  const prefix = question ? `${question.label[lang]} — ` : '';
  return prefix && full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

/**
 * The keying screen's view model: one field per variable in codebook order (serial first),
 * grouped by question, with what was typed, the chosen code's label, whether skip logic jumps
 * over it and its error. Works for any definition.
 */
export function keyingScreen(
  survey: Survey,
  typed: Readonly<Record<string, unknown>>,
  answers: KeyedAnswers,
  problems: readonly Problem[],
  reason: string | null,
  lang: Lang,
  /** The official place trees: coded place fields then take names too; without them they take what is typed. */
  places?: KeyingTrees,
): KeyingScreen {
  const questions = new Map(survey.definition.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  const view = ruleView(survey, answers);
  const errorOf = new Map<string, string>();
  for (const p of problems) if (!errorOf.has(p.code)) errorOf.set(p.code, p.message[lang]);
  const inChecks = new Set(survey.checks.flatMap((c) => [...c.names, c.question]));
  const groups: KeyingGroup[] = [];
  let serial: KeyingField | null = null;
  for (const v of survey.variables) {
    const choices = v.type === 'place-province' ? null : placeChoices(survey, v, answers, places);
    const labels = choices ? new Map(choices.map((p) => [p.code, p.name])) : codeLabels(survey, v, lang);
    const place = v.place && (v.place.parent === null || places) ? { parent: v.place.parent ?? '', listUrl: `/places/${v.place.era}/${v.place.level}/` } : null;
    const raw = typed[v.code];
    const value = typeof raw === 'string' ? raw : (displayValue(answers[v.code]) ?? '');
    const longest = Math.max(1, ...[...labels.keys()].map((k) => k.length));
    const field: KeyingField = {
      code: v.code,
      id: `f-${v.code}`,
      label: v.type === 'serial' ? v.label[lang] : shortLabel(v, questions.get(v.question), lang),
      type: v.type,
      numeric: isCoded(v) || v.type === 'number' || v.type === 'place-province',
      maxLength: place
        ? PLACE_NAME_LENGTH
        : isCoded(v) || v.type === 'place-province'
          ? longest
          : v.type === 'serial'
            ? 40
            : v.type === 'number'
              ? 12
              : (v.maxLength ?? 500),
      width: fieldWidth(v, longest),
      value,
      chosenLabel: labels.get(value.trim()) ?? '',
      skipped: v.type !== 'serial' && !isAsked(v, view),
      // Paper cannot force an answer: only the serial must be keyed.
      required: v.type === 'serial',
      error: errorOf.get(v.code) ?? null,
      codesJson: labels.size > 0 ? JSON.stringify(Object.fromEntries(labels)) : '',
      relevantJson: v.relevant ? JSON.stringify(v.relevant) : '',
      specifies: v.specifies ? `${v.specifies.variable}:${v.specifies.option}` : '',
      // A code is checked in the page against its list; anything else, or a field a rule reads, asks the server.
      checkOnLeave: v.type !== 'serial' && (!isCoded(v) || inChecks.has(v.code) || inChecks.has(v.question)),
      place,
    };
    if (v.type === 'serial') {
      serial = field;
      continue;
    }
    const last = groups[groups.length - 1];
    if (last && last.question === v.question) last.fields.push(field);
    else groups.push({ question: v.question, legend: questions.get(v.question)?.label[lang] ?? v.label[lang], fields: [field] });
  }
  const all = [serial!, ...groups.flatMap((g) => g.fields)];
  return {
    groups,
    serial: serial!,
    multiplesJson: JSON.stringify(Object.fromEntries(survey.multiples)),
    errors: all.filter((f) => f.error !== null).map((f) => ({ id: f.id, label: f.label, message: f.error! })),
    reasons: Object.entries(incompleteReasons).map(([code, label]) => ({ code, label: label[lang], selected: code === reason })),
  };
}
