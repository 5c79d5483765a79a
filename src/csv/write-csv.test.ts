import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, csvText } from './write-csv.js';

describe('the CSV writer', () => {
  it('quotes only what needs quoting, doubles quotes, ends each line with CRLF and leaves null empty', () => {
    expect(csvLine(['a', 1, null, 'b,"c"', 'x\ny', undefined, true])).toBe('a,1,,"b,""c""","x\ny",,true\r\n');
  });

  it('writes what a CSV reader reads back cell for cell, Vietnamese text and line breaks included', () => {
    const rows = [
      ['serial', 'name', 'comment'],
      ['S1', 'Nguyễn Thị Hồng', 'Thủ tục "nhanh", cán bộ tận tình\r\nlần sau'],
      ['S2', '', '=1+1'],
      ['S3', 'Trần Văn Bình', '0.1'],
    ];
    // A text a spreadsheet would run as a formula comes back with the apostrophe that neutralises it.
    expect(parse(csvText(rows), { relax_column_count: false })).toEqual(rows.map((r) => r.map((c) => (c === '=1+1' ? "'=1+1" : c))));
  });

  it('prints numbers at full precision with a dot', () => {
    expect(csvText([[0.1 + 0.2, -3, 1e21]])).toBe('0.30000000000000004,-3,1e+21\r\n');
  });
});
