import { UnusableFileError } from './unusable-file-error.js';
/**
 * A streaming CSV record splitter over decoded text, built for a million rows: it never makes
 * a string per cell. Each record is reported as field boundaries into the current text chunk
 * (reused arrays, one record object), so coded cells can be read digit by digit and only text
 * cells become strings. Handles quotes ("" inside quotes), separators `,` or `;`, CRLF, LF or CR
 * line ends, newlines inside quoted fields, and physical line numbers where each record starts.
 */

export interface CsvRecord {
  /** The text the boundaries point into (valid only during the callback). */
  text: string;
  /** Number of fields. */
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the field was quoted and holds doubled quotes that need undoubling. */
  escaped: Uint8Array;
  /** Physical line (1-based) of the file where the record starts. */
  line: number;
}

/** The field's value as a string (quotes removed and undoubled). */
export function fieldText(record: CsvRecord, i: number): string {
  const s = record.text.slice(record.starts[i], record.ends[i]);
  return record.escaped[i] === 1 ? s.replaceAll('""', '"') : s;
}

/** Every field of the record as strings: for error reports and quarantine, not the hot path. */
export function recordValues(record: CsvRecord): string[] {
  const out: string[] = [];
  for (let i = 0; i < record.count; i++) out.push(fieldText(record, i));
  return out;
}

/** Whether a record is empty: one field of length 0 (a blank line). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.count === 1 && record.starts[0] === record.ends[0];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** End of an unquoted field: the next separator or line end, or the end of the text. */
function plainFieldEnd(text: string, from: number, sep: number): number {
  const n = text.length;
  let q = from;
  while (q < n) {
    const c = text.charCodeAt(q);
    if (c === sep || c === LF || c === CR) break;
    q++;
  }
  return q;
}

/** Line feeds inside a quoted field, so that later records keep their physical line numbers. */
function lineFeedsIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === LF) count++;
  return count;
}

export class CsvSplitter {
  private pending = '';
  /** Line number where the next (unfinished) record starts. */
  private line = 1;
  private readonly record: CsvRecord;
  /** Set by closingQuote: 1 when the field it closed holds doubled quotes (a field, not a return object per field). */
  private escapedQuotes = 0;

  constructor(
    private readonly separator: number,
    maxFields = 4096,
  ) {
    this.record = { text: '', count: 0, starts: new Int32Array(maxFields), ends: new Int32Array(maxFields), escaped: new Uint8Array(maxFields), line: 1 };
  }

  /**
   * Feeds decoded text; calls `onRecord` for every complete record. The last, unterminated
   * record is kept until more text or `end()`. Throws on a field count above `maxFields`.
   */
  push(chunk: string, onRecord: (r: CsvRecord) => void): void {
    const text = this.pending.length > 0 ? this.pending + chunk : chunk;
    const consumed = this.scan(text, false, onRecord);
    this.pending = text.slice(consumed);
  }

  /** Flushes the last record (a file without a final newline). */
  end(onRecord: (r: CsvRecord) => void): void {
    if (this.pending.length > 0) this.scan(this.pending, true, onRecord);
    this.pending = '';
  }

  /** Bytes of text held back waiting for the rest of a record (for a sanity limit). */
  get pendingLength(): number {
    return this.pending.length;
  }

  /**
   * The quote closing the field opened at `open`, skipping doubled ones (and setting
   * `escapedQuotes` when it met any); -1 when there is none, or when the text ends right after
   * a quote and more text may still double it.
   */
  private closingQuote(text: string, open: number, final: boolean): number {
    const n = text.length;
    let q = open + 1;
    this.escapedQuotes = 0;
    for (;;) {
      const close = text.indexOf('"', q);
      if (close === -1) return -1;
      if (close + 1 < n && text.charCodeAt(close + 1) === QUOTE) {
        this.escapedQuotes = 1;
        q = close + 2;
        continue;
      }
      if (close + 1 >= n && !final) return -1;
      return close;
    }
  }

  /** Returns how many characters were consumed by complete records. */
  private scan(text: string, final: boolean, onRecord: (r: CsvRecord) => void): number {
    const sep = this.separator;
    const r = this.record;
    const n = text.length;
    const max = r.starts.length;
    r.text = text;
    let pos = 0;
    let recordStart = 0;
    while (pos < n || (final && recordStart < n)) {
      // One record.
      let line = this.line;
      let nl = 0;
      let count = 0;
      let p = recordStart;
      for (;;) {
        if (count >= max) throw new UnusableFileError(line, `more than ${max} fields in one record`);
        if (p < n && text.charCodeAt(p) === QUOTE) {
          const q = this.closingQuote(text, p, final);
          if (q === -1) {
            if (final) throw new UnusableFileError(line, 'a quoted field is never closed (a missing ")');
            return recordStart;
          }
          nl += lineFeedsIn(text, p + 1, q);
          r.starts[count] = p + 1;
          r.ends[count] = q;
          r.escaped[count] = this.escapedQuotes;
          count++;
          p = q + 1;
          // After the closing quote: separator, line end or end of text; anything else is kept
          // as part of the file's shape problem rather than guessed at.
          if (p < n) {
            const c = text.charCodeAt(p);
            if (c === sep) {
              p++;
              continue;
            }
            if (c !== LF && c !== CR) throw new UnusableFileError(line + nl, 'text after a closing quote (a quote inside a field must be doubled: "")');
          }
        } else {
          const q = plainFieldEnd(text, p, sep);
          r.starts[count] = p;
          r.ends[count] = q;
          r.escaped[count] = 0;
          count++;
          p = q;
          if (p < n && text.charCodeAt(p) === sep) {
            p++;
            continue;
          }
        }
        // At a line end or the end of the text.
        if (p >= n) {
          if (!final) return recordStart;
          break;
        }
        const c = text.charCodeAt(p);
        if (c === CR) {
          if (p + 1 >= n && !final) return recordStart; // maybe CRLF split across chunks
          p += p + 1 < n && text.charCodeAt(p + 1) === LF ? 2 : 1;
        } else {
          p++;
        }
        nl++;
        break;
      }
      r.count = count;
      r.line = line;
      line += nl;
      this.line = line;
      pos = p;
      recordStart = p;
      onRecord(r);
    }
    return recordStart;
  }
}

/** Picks `,`, `;` or a tab (Excel's "Unicode text") from the header line: whichever splits it into more fields. */
export function sniffSeparator(headerLine: string): ',' | ';' | '\t' {
  const first = headerLine.split(/\r?\n|\r/, 1)[0] ?? '';
  const count = (ch: string): number => first.split(ch).length;
  const best = ([',', ';', '\t'] as const).reduce((a, b) => (count(b) > count(a) ? b : a));
  return best;
}
