import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers } from '../rules/check-answers.js';
import type { Answers, AnswerValue } from '../rules/evaluate-expression.js';
import { fieldText, recordValues, type CsvRecord } from './csv-records.js';
import type { ColumnPlan } from './import-columns.js';

/** One thing wrong with one row: the error report line and the quarantine entry. */
export interface ImportProblem {
  line: number;
  serial: string;
  column: string;
  value: string;
  /** Plain reason in Vietnamese, then English. */
  reason: string;
  reasonEn: string;
}

export type CheckedRow =
  | { ok: true; line: number; serial: string; answers: Answers }
  | { ok: false; line: number; serial: string; problems: ImportProblem[] };

/** Reads "3" or " 12 " as an integer straight from the text, without making a substring. */
function readCode(text: string, start: number, end: number): number | 'empty' | 'bad' {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (start === end) return 'empty';
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 'bad';
    n = n * 10 + c;
    if (n > 1e6) return 'bad';
  }
  return n;
}

export interface RowCheckOptions {
  /** A semicolon file from a Vietnamese-locale Excel writes 12,5 for 12.5. */
  decimalComma: boolean;
  /** Called for every non-ASCII text cell; returns a reason to refuse the whole file, or null. */
  textProblem?: (text: string) => string | null;
  /**
   * Provinces the uploader may write (a province supervisor); null or absent = national. A row
   * for another province is quarantined like any bad row, never stored.
   */
  provinceScope?: readonly string[] | null;
  /** Send every variable through checkAnswers (no table shortcut): the reference the shortcut is tested against. */
  everyRule?: boolean;
}

/** The whole file cannot be stored (found in a row, after the header looked fine). */
export class UnusableFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'UnusableFileError';
  }
}

function problem(record: CsvRecord, serial: string, column: string, value: string, reason: string, reasonEn: string): ImportProblem {
  return { line: record.line, serial, column, value, reason, reasonEn };
}

/**
 * What the rule module must still look at once a row's plain coded cells are known to be fine.
 * A "plain" coded column is always asked (no skip rule, no "specify") and its only rules are
 * "one of the options" and "required": those are checked per row against a 256-entry table.
 * Everything else (skip logic, multiple choice, numbers, places, texts, cross checks, and
 * variables the file has no column for) still goes through checkAnswers, which sees every
 * answer. A row failing a table check goes through checkAnswers whole, so the reasons are
 * always the rule module's own.
 */
interface RuleShortcut {
  plain: { code: string; required: boolean; valid: Uint8Array }[];
  rest: ReadonlySet<string>;
}

const shortcuts = new WeakMap<ColumnPlan, RuleShortcut>();

function shortcutOf(survey: Survey, plan: ColumnPlan): RuleShortcut {
  let found = shortcuts.get(plan);
  if (found) return found;
  const plain: RuleShortcut['plain'] = [];
  for (const col of plan.columns) {
    const v = col.variable;
    if (col.kind !== 'coded' || v.relevant !== null || v.specifies) continue;
    const valid = new Uint8Array(256);
    for (const o of v.options) if (Number.isInteger(o.code) && o.code >= 0 && o.code < 256) valid[o.code] = 1;
    plain.push({ code: v.code, required: v.required, valid });
  }
  const plainCodes = new Set(plain.map((p) => p.code));
  const rest = new Set(survey.variables.filter((v) => !plainCodes.has(v.code)).map((v) => v.code));
  for (const check of survey.checks) for (const name of check.names) rest.add(name);
  found = { plain, rest };
  shortcuts.set(plan, found);
  return found;
}

/** Whether every plain coded cell is an option or an allowed empty (then only `rest` needs the rules). */
function plainCellsFine(shortcut: RuleShortcut, answers: Answers): boolean {
  for (const p of shortcut.plain) {
    const value = answers[p.code];
    if (value === null || value === undefined) {
      if (p.required) return false;
    } else if (typeof value !== 'number' || value >= 256 || p.valid[value] !== 1) return false;
  }
  return true;
}

/**
 * The province as it will be stored (packAnswers' role value), checked against the uploader's
 * scope. A province the rules already named (unknown, missing) is not reported twice.
 */
function outOfScope(survey: Survey, plan: ColumnPlan, answers: Answers, scope: readonly string[], found: readonly ImportProblem[]): Omit<ImportProblem, 'line' | 'serial'> | null {
  const code = survey.definition.variables.province;
  const header = plan.columns.find((c) => c.variable.code === code)?.header ?? code;
  if (found.some((p) => p.column === header)) return null;
  const value = answers[code];
  const province = value === undefined || value === null || value === '' ? null : String(value);
  if (province !== null && scope.includes(province)) return null;
  if (province === null) return { column: header, value: '', reason: 'thiếu mã tỉnh: bạn chỉ được nhập phiếu của tỉnh trong phạm vi của bạn', reasonEn: 'the province is missing: you may only import forms of provinces in your scope' };
  return { column: header, value: province, reason: `tỉnh ${province} ngoài phạm vi của bạn`, reasonEn: `province ${province} is outside your scope` };
}

/**
 * Turns one CSV record into answers and checks them with the same rules as the web form, plus
 * what only a file can get wrong: the field count and codes that are not whole numbers.
 */
export function checkImportRow(survey: Survey, plan: ColumnPlan, record: CsvRecord, options: RowCheckOptions): CheckedRow {
  const { text, starts, ends } = record;
  const serial = plan.serialIndex < record.count ? fieldText(record, plan.serialIndex).trim() : '';
  if (record.count !== plan.width) {
    return {
      ok: false,
      line: record.line,
      serial,
      problems: [
        problem(record, serial, '', recordValues(record).join(' | ').slice(0, 200), `dòng có ${record.count} cột, cần ${plan.width}`, `the row has ${record.count} fields, the header has ${plan.width}`),
      ],
    };
  }
  const problems: ImportProblem[] = [];
  if (serial === '') problems.push(problem(record, serial, plan.headers[plan.serialIndex] ?? '', '', 'thiếu số phiếu', 'the serial number is missing'));
  const answers: Record<string, AnswerValue> = { ...plan.template };
  const reported = new Set<string>();
  for (const col of plan.columns) {
    const i = col.index;
    switch (col.kind) {
      case 'serial':
        break;
      case 'coded':
      case 'flag': {
        const code = record.escaped[i] === 1 ? readCode(fieldText(record, i), 0, fieldText(record, i).length) : readCode(text, starts[i]!, ends[i]!);
        if (code === 'empty' || (col.kind === 'flag' && code === 0)) break;
        if (code === 'bad') {
          const value = fieldText(record, i);
          problems.push(problem(record, serial, col.header, value, `"${value}" không phải là mã số nguyên`, `"${value}" is not a whole-number code`));
          reported.add(col.variable.code);
          break;
        }
        answers[col.variable.code] = code;
        break;
      }
      case 'number': {
        const raw = fieldText(record, i).trim();
        if (raw === '') break;
        const normalized = options.decimalComma && /^-?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
        const n = Number(normalized);
        // Not a number: pass the text on so the shared rules name the problem.
        answers[col.variable.code] = /^-?\d+(\.\d+)?$/.test(normalized) && Number.isFinite(n) ? n : raw;
        break;
      }
      case 'province': {
        let raw = fieldText(record, i).trim();
        if (raw === '') break;
        if (/^\d+$/.test(raw) && raw.length < plan.provinceCodeWidth) {
          const padded = raw.padStart(plan.provinceCodeWidth, '0');
          if (survey.places.byCode.has(padded)) raw = padded;
        }
        answers[col.variable.code] = raw;
        break;
      }
      case 'text': {
        let raw = fieldText(record, i).trim();
        if (raw === '') break;
        // eslint-disable-next-line no-control-regex
        if (/[^\x00-\x7f]/.test(raw)) {
          raw = raw.normalize('NFC');
          const refusal = options.textProblem?.(raw);
          if (refusal) throw new UnusableFileError(record.line, refusal);
        }
        answers[col.variable.code] = raw;
        break;
      }
    }
  }
  const shortcut = shortcutOf(survey, plan);
  const found = !options.everyRule && problems.length === 0 && plainCellsFine(shortcut, answers) ? checkAnswers(survey, answers, shortcut.rest) : checkAnswers(survey, answers);
  for (const p of found) {
    if (reported.has(p.code)) continue;
    const column = plan.columns.find((c) => c.variable.code === p.code);
    const value = p.value === undefined || p.value === null ? '' : Array.isArray(p.value) ? p.value.join(' ') : String(p.value);
    problems.push(problem(record, serial, column?.header ?? p.code, value, p.message.vi, p.message.en));
  }
  const scope = options.provinceScope;
  if (scope) {
    const scopeProblem = outOfScope(survey, plan, answers, scope, problems);
    if (scopeProblem) problems.push(problem(record, serial, scopeProblem.column, scopeProblem.value, scopeProblem.reason, scopeProblem.reasonEn));
  }
  if (problems.length > 0) return { ok: false, line: record.line, serial, problems };
  return { ok: true, line: record.line, serial, answers };
}
