import type { Lang } from '../../i18n/lang.js';
import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers, isUsable, ruleView } from '../rules/check-answers.js';
import type { Answers, AnswerValue } from '../rules/evaluate-expression.js';
import { fieldText, recordValues, type CsvRecord } from './csv-records.js';
import type { ColumnKind, ColumnPlan } from './import-columns.js';
import { UnusableFileError } from './unusable-file-error.js';
import { isValidSerial, serialFormatMessage } from '../definitions/serial-format.js';
import { resolvePlaceNames, type PlaceNameProblem } from '../places/resolve-place-names.js';

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
  { ok: true; line: number; serial: string; answers: Answers; usable: boolean } | { ok: false; line: number; serial: string; problems: ImportProblem[] };

/** Reads "3" or " 12 " as an integer straight from the text, without making a substring. */
export function readCode(text: string, start: number, end: number): number | 'empty' | 'bad' {
  // Most cells of a postal file are one digit: read those without the trimming and the loop.
  if (end - start === 1) {
    const d = text.charCodeAt(start) - 48;
    if (d >= 0 && d <= 9) return d;
  }
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
}

function problem(record: CsvRecord, serial: string, column: string, value: string, reason: string, reasonEn: string): ImportProblem {
  return { line: record.line, serial, column, value, reason, reasonEn };
}

/**
 * The province as it will be stored (packAnswers' role value), checked against the uploader's
 * scope. A province the rules already named (unknown, missing) is not reported twice.
 */
function outOfScope(
  survey: Survey,
  plan: ColumnPlan,
  answers: Answers,
  scope: readonly string[],
  found: readonly ImportProblem[],
): Omit<ImportProblem, 'line' | 'serial'> | null {
  const code = survey.definition.variables.province;
  const header = plan.columns.find((c) => c.variable.code === code)?.header ?? code;
  if (found.some((p) => p.column === header)) return null;
  const value = answers[code];
  const province = value === undefined || value === null || value === '' ? null : String(value);
  if (province !== null && scope.includes(province)) return null;
  if (province === null)
    return {
      column: header,
      value: '',
      reason: 'thiếu mã tỉnh: bạn chỉ được nhập phiếu của tỉnh trong phạm vi của bạn',
      reasonEn: 'the province is missing: you may only import forms of provinces in your scope',
    };
  // Said in words, with the province's name and the uploader's own: a national file sent by a province supervisor explains itself.
  const place = survey.places.byCode.get(province);
  const named = (lang: Lang) => (code: string) => {
    const p = survey.places.byCode.get(code);
    return p ? `${code} (${lang === 'vi' ? p.nameVi : p.nameEn})` : code;
  };
  return {
    column: header,
    value: province,
    reason: `tỉnh ${named('vi')(province)} không thuộc phạm vi của bạn (${scope.map(named('vi')).join(', ')})`,
    reasonEn: `province ${place ? named('en')(province) : province} is outside your provinces (${scope.map(named('en')).join(', ')})`,
  };
}

/**
 * A number, province or text cell as the rules see it (null when empty): "12,5" in a
 * semicolon file is 12.5, a province "1" whose code is "01" gets its zero back, text is NFC.
 * A number that is not one stays text, so the rules name the problem. Throws when a text
 * cell shows the file's encoding is wrong.
 */
export function cellValue(survey: Survey, plan: ColumnPlan, kind: ColumnKind, cell: string, options: RowCheckOptions, line: number): string | number | null {
  let raw = cell.trim();
  if (raw === '') return null;
  switch (kind) {
    case 'number': {
      const normalized = options.decimalComma && /^-?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
      const n = Number(normalized);
      return /^-?\d+(\.\d+)?$/.test(normalized) && Number.isFinite(n) ? n : raw;
    }
    case 'province':
      if (/^\d+$/.test(raw) && raw.length < plan.provinceCodeWidth) {
        const padded = raw.padStart(plan.provinceCodeWidth, '0');
        if (survey.places.byCode.has(padded)) raw = padded;
      }
      return raw;
    default:
      // eslint-disable-next-line no-control-regex
      if (/[^\x00-\x7f]/.test(raw)) {
        raw = raw.normalize('NFC');
        const refusal = options.textProblem?.(raw);
        if (refusal) throw new UnusableFileError(line, refusal);
      }
      return raw;
  }
}

/**
 * The place cells of a row as codes: a name becomes the code of the one place of that name under
 * the row's place above. Rows whose places are all province codes never touch the tree.
 */
export function resolvePlaceCells(survey: Survey, plan: ColumnPlan, answers: Record<string, AnswerValue>): PlaceNameProblem | null {
  const places = plan.places;
  if (places.length === 0) return null;
  if (places.length === 1 && places[0]!.level === 'province') {
    const value = answers[places[0]!.code];
    if (value === null || value === undefined || survey.places.byCode.has(String(value))) return null;
  }
  const tree = survey.places.tree();
  return tree ? resolvePlaceNames(tree, places, answers) : null;
}

/**
 * Turns one CSV record into answers and checks them with the same rules as the web form, plus
 * what only a file can get wrong: the field count and codes that are not whole numbers. A
 * postal form is paper: blank answers are missing data, never a problem; a row with no problem
 * says whether it meets the definition's usability rule.
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
        problem(
          record,
          serial,
          '',
          recordValues(record).join(' | ').slice(0, 200),
          `dòng có ${record.count} cột, cần ${plan.width}`,
          `the row has ${record.count} fields, the header has ${plan.width}`,
        ),
      ],
    };
  }
  const problems: ImportProblem[] = [];
  if (serial === '') problems.push(problem(record, serial, plan.headers[plan.serialIndex] ?? '', '', 'thiếu số phiếu', 'the serial number is missing'));
  else if (!isValidSerial(serial)) {
    const shown = serial.length > 60 ? `${serial.slice(0, 60)}…` : serial;
    problems.push(problem(record, shown, plan.headers[plan.serialIndex] ?? '', shown, serialFormatMessage.vi, serialFormatMessage.en));
  }
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
      default: {
        const value = cellValue(survey, plan, col.kind, fieldText(record, i), options, record.line);
        if (value !== null) answers[col.variable.code] = value;
        break;
      }
    }
  }
  const placeProblem = resolvePlaceCells(survey, plan, answers);
  if (placeProblem) {
    const header = plan.columns.find((c) => c.variable.code === placeProblem.code)?.header ?? placeProblem.code;
    problems.push(problem(record, serial, header, placeProblem.value, placeProblem.vi, placeProblem.en));
    reported.add(placeProblem.code);
  }
  const found = checkAnswers(survey, answers, undefined, 'paper');
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
  return { ok: true, line: record.line, serial, answers, usable: isUsable(survey, ruleView(survey, answers)) };
}
