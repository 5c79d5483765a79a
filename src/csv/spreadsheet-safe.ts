/**
 * Formula injection: a spreadsheet reads a text cell that starts with = + - @ (or a tab or
 * carriage return before one) as a formula, so a respondent who types `=HYPERLINK(…)` would run
 * it on the analyst's machine. Such a text gets a leading apostrophe, which spreadsheets show
 * as plain text (OWASP's advice). Numbers stay numbers, and so does text that is only a number
 * ("-3", "+84") — no formula can hide in it. Every export meant for a spreadsheet goes through here.
 *
 * @example spreadsheetSafe('=1+1') // "'=1+1"
 * @example spreadsheetSafe(-3)     // -3
 * @example spreadsheetSafe('-3')   // '-3'
 */
export function spreadsheetSafe<T extends string | number | boolean | null | undefined>(cell: T): T | string {
  if (typeof cell !== 'string' || cell.length === 0) return cell;
  const c = cell.charCodeAt(0);
  // = + - @ \t \r
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return cell;
  if (NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A table's every cell through spreadsheetSafe. */
export function spreadsheetSafeRows<T extends string | number | boolean | null | undefined>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((r) => r.map(spreadsheetSafe));
}
