import { spreadsheetSafe } from './spreadsheet-safe.js';

/** What a cell may hold; undefined and null are empty. */
export type Cell = string | number | boolean | null | undefined;

/**
 * One CSV line (RFC 4180): a cell is quoted only when it holds a comma, a quote or a line
 * break; quotes are doubled. Numbers are written as JavaScript prints them (full precision, a
 * dot for decimals); null is an empty cell; a text a spreadsheet would take for a formula is
 * neutralised (spreadsheetSafe), since every CSV we write may be opened in one. The project's one
 * CSV writer: hand-written because it runs a million times per export
 * (docs/decisions/0014-own-csv-writer.md).
 *
 * @example csvLine(['a', 1, null, 'b,"c"']) // 'a,1,,"b,""c"""\r\n'
 */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    const c = cells[i];
    if (c === null || c === undefined) continue;
    if (typeof c !== 'string') {
      line += String(c);
      continue;
    }
    const safe = spreadsheetSafe(c);
    line += /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }
  return `${line}\r\n`;
}

/** Excel reads a CSV as UTF-8 only when it starts with this byte-order mark. */
export const BOM = '\uFEFF';

/** Several lines at once (a header and its rows, a report's block). */
export function csvText(rows: readonly (readonly Cell[])[]): string {
  let text = '';
  for (const row of rows) text += csvLine(row);
  return text;
}
