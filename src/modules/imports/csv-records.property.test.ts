import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSplitter, recordValues } from './csv-records.js';
import { UnusableFileError } from './unusable-file-error.js';

/**
 * Property-based tests of the CSV splitter: a table written with RFC 4180 quoting comes back
 * cell for cell however the text is cut into chunks, and any text at all gives records or a
 * UnusableFileError, never another exception or a hang.
 */

const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '"', '""', ',', ';', '\n', '\r\n', '\r', 'Hà Nội', ' a ', '=1+1', 'a"b', '"x"'));
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

const quote = (c: string, sep: string): string => (/[",\r\n]/.test(c) || c.includes(sep) || c === '' ? `"${c.replaceAll('"', '""')}"` : c);

function split(text: string, cuts: number[], sep = ','): string[][] {
  const splitter = new CsvSplitter(sep.charCodeAt(0));
  const out: string[][] = [];
  const onRecord = (r: Parameters<Parameters<CsvSplitter['push']>[1]>[0]): void => {
    out.push(recordValues(r));
  };
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    splitter.push(text.slice(from, cut), onRecord);
    from = cut;
  }
  splitter.push(text.slice(from), onRecord);
  splitter.end(onRecord);
  return out;
}

describe('the CSV splitter, on random input', () => {
  it('gives back every cell of a quoted table, whatever the separator, line ends and chunk cuts', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 8 }), (rows, sep, eol, cuts) => {
        const text = rows.map((r) => r.map((c) => quote(c, sep)).join(sep)).join(eol) + eol;
        expect(split(text, cuts, sep)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('cutting the text into chunks never changes the records', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' '), maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        let whole: string[][] | 'shape' = 'shape';
        let chunked: string[][] | 'shape' = 'shape';
        try {
          whole = split(text, []);
        } catch (err) {
          if (!(err instanceof UnusableFileError)) throw err;
        }
        try {
          chunked = split(text, cuts);
        } catch (err) {
          if (!(err instanceof UnusableFileError)) throw err;
        }
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });

  it('any text gives records or a UnusableFileError, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
        try {
          split(text, []);
        } catch (err) {
          if (!(err instanceof UnusableFileError)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('more fields than the limit is a UnusableFileError, and an unclosed quote never hangs', () => {
    expect(() => split(`${'a,'.repeat(5000)}a\n`, [])).toThrow(UnusableFileError);
    const started = Date.now();
    try {
      split(`"${'x'.repeat(1_000_000)}`, [1000, 500_000]);
    } catch (err) {
      if (!(err instanceof UnusableFileError)) throw err;
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
