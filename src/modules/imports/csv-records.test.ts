import { describe, expect, it } from 'vitest';
import { CsvSplitter, recordValues, sniffSeparator, type CsvRecord } from './csv-records.js';

function split(text: string, separator = ',', chunkSize = text.length): { line: number; values: string[] }[] {
  const out: { line: number; values: string[] }[] = [];
  const s = new CsvSplitter(separator.charCodeAt(0));
  const on = (r: CsvRecord): void => void out.push({ line: r.line, values: recordValues(r) });
  for (let i = 0; i < text.length; i += Math.max(1, chunkSize)) s.push(text.slice(i, i + chunkSize), on);
  s.end(on);
  return out;
}

describe('CsvSplitter', () => {
  it('splits records on LF, CRLF and CR and numbers their physical lines', () => {
    expect(split('a,b\r\n1,2\n3,4\r5,6')).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', '2'] },
      { line: 3, values: ['3', '4'] },
      { line: 4, values: ['5', '6'] },
    ]);
  });

  it('keeps newlines and doubled quotes inside quoted fields, and counts those lines', () => {
    const records = split('S,NOTE\n1,"two\nlines, ""quoted"""\n2,x\n');
    expect(records).toEqual([
      { line: 1, values: ['S', 'NOTE'] },
      { line: 2, values: ['1', 'two\nlines, "quoted"'] },
      { line: 4, values: ['2', 'x'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries are', () => {
    const text = 'S;A\r\n1;"x\r\ny"\r\n2;""""\r\n3;\r\n';
    const whole = split(text, ';');
    for (const size of [1, 2, 3, 5, 7]) expect(split(text, ';', size)).toEqual(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 4, 5]);
  });

  it('reports empty trailing fields and a last line without a newline', () => {
    expect(split('a,b,\n1,,')).toEqual([
      { line: 1, values: ['a', 'b', ''] },
      { line: 2, values: ['1', '', ''] },
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, with the line', () => {
    expect(() => split('a\n"open\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => split('a,b\n"x"y,1\n')).toThrow(/line 2: text after a closing quote/);
  });
});

describe('sniffSeparator', () => {
  it('picks the separator that splits the header into more columns', () => {
    expect(sniffSeparator('SERIAL;A1;A2\n1;2;3')).toBe(';');
    expect(sniffSeparator('SERIAL,A1,A2')).toBe(',');
    expect(sniffSeparator('SERIAL,"A;1",A2')).toBe(',');
  });
});
