import { describe, expect, it } from 'vitest';
import { spreadsheetSafe, spreadsheetSafeRows } from './spreadsheet-safe.js';
import { csvLine } from './write-csv.js';

describe('spreadsheetSafe', () => {
  it('neutralises a text that starts with = + - @ tab or carriage return', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+cmd|x', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=', '-']) expect(spreadsheetSafe(s)).toBe(`'${s}`);
  });

  it('leaves numbers, numeric texts, empty cells and ordinary texts alone', () => {
    for (const v of [-3, 0, 1.5, null, true, '', '-3', '+84', '-0.5', '1e5', 'Hà Nội', 'a=b', ' =x']) expect(spreadsheetSafe(v)).toBe(v);
  });

  it('is applied by the CSV writer of the exports, quoting still right', () => {
    expect(csvLine(['=1+1', -1, '-1', '@a,"b"'])).toBe(`'=1+1,-1,-1,"'@a,""b"""\r\n`);
    expect(spreadsheetSafeRows([['=x', 2]])).toEqual([["'=x", 2]]);
  });
});
