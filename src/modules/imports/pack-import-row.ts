import type { Survey } from '../definitions/compile-survey.js';
import { NOT_ASKED, roleValue } from '../responses/pack-answers.js';
import type { Variable } from '../definitions/compile-survey.js';
import { addChosen, checkRuleView, isAsked, isUsable } from '../rules/check-answers.js';
import type { AnswerValue } from '../rules/evaluate-expression.js';
import { namesIn } from '../rules/parse-expression.js';
import { cellValue, readCode, resolvePlaceCells, type RowCheckOptions } from './check-import-row.js';
import { fieldText, type CsvRecord } from './csv-records.js';
import type { ColumnKind, ColumnPlan } from './import-columns.js';
import { isValidSerial } from '../definitions/serial-format.js';

/** A clean row, packed as the store keeps it. */
export interface PackedRow {
  serial: string;
  province: string | null;
  district: string | null;
  commune: string | null;
  /** The `answer_values` JSON text. */
  values: string;
  /** Whether the form meets the definition's usability rule (else it is stored incomplete). */
  usable: boolean;
}

/**
 * The fast path of an import: a row with nothing wrong in it is read straight into its packed
 * form. Nearly every row of a postal batch is such a row, and a million of them must go
 * through in seconds.
 *
 * A "plain" coded column (always asked, only "one of the options" applies: a paper form may
 * leave any answer blank) is checked against a 256-entry table and its code written to its byte slot, with no object in
 * between. Every other variable (skip logic, multiple choice, specify, numbers, places, texts,
 * cross checks, and those the file has no column for) goes through the rule module's
 * checkRuleView, over an answers object that holds only those variables, the ones their rules
 * read and the multiple-choice questions' chosen codes (it is its own rule view). Anything at
 * all wrong, or outside the uploader's scope, returns null: the caller then runs
 * `checkImportRow`, whose problems are the rule module's own, on the whole row.
 */
/** Writes the row's codes to codes[at + slot]; leaves bytes behind when it returns null. */
export type RowPacker = (record: CsvRecord, codes: Uint8Array, at: number) => PackedRow | null;

interface PlainColumn {
  index: number;
  code: string;
  slot: number;
  /** Whether a rule reads it (then checkAnswers sees its code too). */
  shown: boolean;
  valid: Uint8Array;
}

interface OtherColumn {
  index: number;
  code: string;
  kind: ColumnKind;
  /** Byte slot for coded kinds, -1 for values. */
  slot: number;
}

/** Columns checked by their table alone ("plain"), and the others, which go through the rule module. */
function sortColumns(plan: ColumnPlan): { plain: PlainColumn[]; other: OtherColumn[]; plainCodes: Set<string> } {
  const plain: PlainColumn[] = [];
  const other: OtherColumn[] = [];
  const plainCodes = new Set<string>();
  for (const col of plan.columns) {
    const v = col.variable;
    if (col.kind === 'serial') continue;
    if (col.kind === 'coded' && v.relevant === null && !v.specifies) {
      const valid = new Uint8Array(256);
      for (const o of v.options) if (Number.isInteger(o.code) && o.code >= 0 && o.code < 256) valid[o.code] = 1;
      plain.push({ index: col.index, code: v.code, slot: v.slot, shown: false, valid });
      plainCodes.add(v.code);
    } else {
      other.push({ index: col.index, code: v.code, kind: col.kind, slot: v.slot });
    }
  }
  return { plain, other, plainCodes };
}

/**
 * What checkAnswers must see (`rest`): every variable not checked by table, and every name the
 * checks read; and every name those variables' rules read besides (`seen`).
 */
function namesToCheck(survey: Survey, plainCodes: ReadonlySet<string>): { rest: Set<string>; seen: Set<string> } {
  const rest = new Set(survey.variables.filter((v) => v.type !== 'serial' && !plainCodes.has(v.code)).map((v) => v.code));
  for (const check of survey.checks) for (const name of check.names) rest.add(name);
  const seen = new Set(rest);
  if (survey.usable) namesIn(survey.usable.rule, seen);
  for (const v of survey.variables) {
    if (!rest.has(v.code)) continue;
    if (v.relevant) namesIn(v.relevant, seen);
    if (v.specifies) seen.add(v.specifies.variable);
  }
  // A rule naming a multiple-choice question reads its flags.
  for (const [question, flags] of survey.multiples) if (seen.has(question)) for (const f of flags) seen.add(f.code);
  return { rest, seen };
}

export function compileRowPacker(survey: Survey, plan: ColumnPlan, options: RowCheckOptions): RowPacker {
  const { plain, other, plainCodes } = sortColumns(plan);
  const { rest, seen } = namesToCheck(survey, plainCodes);
  const shown = survey.variables.filter((v) => seen.has(v.code)).map((v) => v.code);
  for (const p of plain) p.shown = seen.has(p.code);
  // One answers object for every row, reset each time: no allocation per row, one fixed shape.
  // It is its own rule view: the multiple-choice questions' keys are in it from the start.
  const keys = [...shown, ...survey.multiples.keys()];
  const answers = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((code) => [code, null])))) as Record<string, AnswerValue>;
  const stored = survey.variables.filter((v) => v.slot < 0 && v.type !== 'serial' && seen.has(v.code)).map((v) => v.code);
  // Coded variables skip logic may leave out: NOT_ASKED instead of blank when it does.
  const conditional: Variable[] = survey.variables.filter((v) => v.slot >= 0 && v.relevant !== null);
  const roles = survey.definition.variables;
  const serialIndex = plan.serialIndex;
  const scope = options.provinceScope ?? null;

  return (record, codes, at) => {
    if (record.count !== plan.width) return null;
    const text = record.text;
    const serial = fieldText(record, serialIndex).trim();
    // Anything unusual goes the slow way, which says what is wrong.
    if (serial === '' || !isValidSerial(serial)) return null;
    for (let c = 0; c < shown.length; c++) answers[shown[c]!] = null;
    for (let c = 0; c < plain.length; c++) {
      const p = plain[c]!;
      const i = p.index;
      const code = record.escaped[i] === 1 ? 'bad' : readCode(text, record.starts[i]!, record.ends[i]!);
      if (code === 'empty') continue;
      if (code === 'bad' || code > 255 || p.valid[code] !== 1) return null;
      codes[at + p.slot] = code;
      if (p.shown) answers[p.code] = code;
    }
    for (let c = 0; c < other.length; c++) {
      const o = other[c]!;
      const i = o.index;
      if (o.kind === 'coded' || o.kind === 'flag') {
        const code = record.escaped[i] === 1 ? 'bad' : readCode(text, record.starts[i]!, record.ends[i]!);
        if (code === 'empty' || (o.kind === 'flag' && code === 0)) continue;
        if (code === 'bad' || code > 255) return null;
        answers[o.code] = code;
        codes[at + o.slot] = code;
      } else {
        const value = cellValue(survey, plan, o.kind, fieldText(record, i), options, record.line);
        if (value !== null) answers[o.code] = value;
      }
    }
    if (resolvePlaceCells(survey, plan, answers) !== null) return null;
    addChosen(survey, answers, answers);
    if (checkRuleView(survey, answers, rest, 'paper').length > 0) return null;
    for (let c = 0; c < conditional.length; c++) {
      const v = conditional[c]!;
      const value = answers[v.code];
      if ((value === null || value === 0) && !isAsked(v, answers)) codes[at + v.slot] = NOT_ASKED;
    }
    const province = roleValue(answers, roles.province);
    if (scope && (province === null || !scope.includes(province))) return null;
    const values: Record<string, string | number> = {};
    for (const code of stored) {
      const value = answers[code];
      if (value !== null && value !== undefined && value !== '') values[code] = value as string | number;
    }
    return {
      serial,
      province,
      district: roleValue(answers, roles.district),
      commune: roleValue(answers, roles.commune),
      values: JSON.stringify(values),
      usable: isUsable(survey, answers),
    };
  };
}
