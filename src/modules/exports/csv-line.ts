import { spreadsheetSafe } from './spreadsheet-safe.js';

/**
 * One CSV line (RFC 4180): a cell is quoted only when it holds a comma, a quote or a line
 * break; quotes are doubled. Numbers are written as JavaScript prints them (full precision, a
 * dot for decimals); null is an empty cell; a text a spreadsheet would take for a formula is
 * neutralised (spreadsheetSafe). Hand-written because it runs a million times per
 * export and a general CSV library costs several times more per row.
 *
 * @example csvLine(['a', 1, null, 'b,"c"']) // 'a,1,,"b,""c"""\r\n'
 */
export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
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
