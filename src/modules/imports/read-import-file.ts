import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CsvSplitter, isBlankRecord, recordValues, sniffSeparator, type CsvRecord } from './csv-records.js';
import { detectEncoding, looksLikeMojibake, MOJIBAKE_REASON, type TextEncoding } from './detect-encoding.js';
import { checkXlsxLimits, XlsxLimitError } from './xlsx-limits.js';
import { UnusableFileError } from './unusable-file-error.js';

/**
 * Streams a postal file (CSV in any accepted encoding, or .xlsx) as records, never holding the
 * whole file: memory stays flat whether the batch has a thousand rows or a million.
 */

/** The file cannot be read at all; nothing has been written. */
export class FileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

export interface FileShape {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  separator: ',' | ';' | '\t' | null;
  size: number;
}

export interface ReadHandlers {
  /** The first non-blank record; may throw to refuse the file. */
  onHeader: (header: string[], shape: FileShape) => void;
  /** Every later non-blank record (the object is reused: copy what you keep). */
  onRecord: (record: CsvRecord) => void;
  /** After each block of the file, with bytes read so far; awaited, so the caller may yield. */
  onBlock: (bytesRead: number) => Promise<void> | void;
}

/** What one file may hold; past a limit the file is refused, cheaply, before anything is kept. */
export interface FileLimits {
  maxRows: number;
  /** Characters in one cell. */
  maxCell: number;
  /** Bytes of an .xlsx's XML once unzipped. */
  maxXlsxBytes: number;
}

const tooManyRows = (max: number): FileRefusedError =>
  new FileRefusedError(
    `the file has more than ${max} rows (the limit); split it into several batches · tệp có hơn ${max} dòng (giới hạn); hãy chia thành nhiều lô`,
  );
const cellTooLong = (line: number, column: number, max: number): FileRefusedError =>
  new FileRefusedError(
    `line ${line}, column ${column}: a cell longer than ${max} characters (the limit) · dòng ${line}, cột ${column}: ô dài quá ${max} ký tự`,
  );

/** The handlers with every record counted and its cells measured against the limits. */
function limited(handlers: ReadHandlers, limits: FileLimits): ReadHandlers {
  let rows = 0;
  return {
    ...handlers,
    onRecord: (r) => {
      if (++rows > limits.maxRows) throw tooManyRows(limits.maxRows);
      for (let i = 0; i < r.count; i++) if (r.ends[i]! - r.starts[i]! > limits.maxCell) throw cellTooLong(r.line, i + 1, limits.maxCell);
      handlers.onRecord(r);
    },
  };
}

const SAMPLE = 256 * 1024;
const BLOCK = 1024 * 1024;
/** A record longer than this means an unclosed quote swallowing the file. */
const MAX_PENDING = 16 * 1024 * 1024;

/** An all-empty record (";;;;" rows Excel leaves at the end) counts as a blank line. */
function isEmptyRecord(r: CsvRecord): boolean {
  if (isBlankRecord(r)) return true;
  for (let i = 0; i < r.count; i++) if (r.ends[i]! > r.starts[i]!) return false;
  return true;
}

function makeDecoder(encoding: TextEncoding): (chunk: Buffer, end: boolean) => string {
  if (encoding === 'utf8' || encoding === 'utf16le') {
    const d = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'utf-16le', { fatal: true });
    return (chunk, end) => d.decode(chunk, { stream: !end });
  }
  const d = iconv.getDecoder(encoding === 'utf16be' ? 'utf16-be' : 'windows1258');
  return (chunk, end) => (end ? d.write(chunk) + (d.end() ?? '') : d.write(chunk));
}

export async function readImportFile(path: string, unlimited: ReadHandlers, limits: FileLimits): Promise<FileShape> {
  const size = (await stat(path)).size;
  const handlers = limited(unlimited, limits);
  if (/\.xlsx$/i.test(path)) {
    try {
      await checkXlsxLimits(path, limits);
    } catch (err) {
      if (err instanceof XlsxLimitError) throw new FileRefusedError(err.message);
      throw err;
    }
    return readXlsx(path, size, handlers);
  }
  const fh = await open(path, 'r');
  const sample = Buffer.alloc(Math.min(SAMPLE, size));
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  if (sample[0] === 0x50 && sample[1] === 0x4b)
    throw new FileRefusedError('this is a zip or Excel file: give it the .xlsx extension · đây là tệp Excel, hãy đặt đuôi .xlsx');
  const verdict = detectEncoding(sample, size > SAMPLE, (b) => iconv.decode(Buffer.from(b), 'windows1258'));
  if (!verdict.ok) throw new FileRefusedError(verdict.reason);
  const decode = makeDecoder(verdict.encoding);
  const shape: FileShape = { format: 'csv', encoding: verdict.encoding, separator: null, size };
  let splitter: CsvSplitter | null = null;
  let headerSeen = false;
  let rows = 0;
  const onRecord = (r: CsvRecord): void => {
    if (isEmptyRecord(r)) return;
    if (!headerSeen) {
      headerSeen = true;
      handlers.onHeader(recordValues(r), shape);
      return;
    }
    rows++;
    handlers.onRecord(r);
  };
  let bytesRead = verdict.bomLength;
  const feed = (text: string): void => {
    if (!splitter) {
      if (text.length === 0) return;
      if (looksLikeMojibake(text.slice(0, SAMPLE))) throw new FileRefusedError(MOJIBAKE_REASON);
      shape.separator = sniffSeparator(text);
      splitter = new CsvSplitter(shape.separator.charCodeAt(0));
    }
    splitter.push(text, onRecord);
    if (splitter.pendingLength > MAX_PENDING) throw new UnusableFileError(0, 'a quoted field is never closed (a missing ")');
  };
  try {
    for await (const chunk of createReadStream(path, { start: verdict.bomLength, highWaterMark: BLOCK })) {
      const buf = chunk as Buffer;
      bytesRead += buf.length;
      feed(decode(buf, false));
      await handlers.onBlock(bytesRead);
    }
    feed(decode(Buffer.alloc(0), true));
    (splitter as CsvSplitter | null)?.end(onRecord);
  } catch (err) {
    if (err instanceof TypeError && (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new FileRefusedError(
        `the file is not valid ${verdict.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'} text past byte ${bytesRead - BLOCK > 0 ? bytesRead - BLOCK : 0}; save it again as "CSV UTF-8" · tệp không đúng mã UTF-8; hãy lưu lại dạng "CSV UTF-8"`,
      );
    }
    throw err;
  }
  if (!headerSeen) throw new FileRefusedError('the file is empty: no header line · tệp rỗng');
  if (rows === 0) throw new FileRefusedError(HEADER_ONLY);
  return shape;
}

const HEADER_ONLY = 'the file has a header line but no forms below it · tệp chỉ có dòng tiêu đề, không có phiếu nào';

class FormulaWithoutValue extends Error {}

/** Excel's column name of a 1-based column number: 1 → A, 28 → AB. */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Excel cell values as the text a CSV export would hold. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value && value.result !== undefined) return cellText(value.result);
  // A formula Excel never calculated (written by another program): its value is unknown, not empty.
  if ('formula' in value || 'sharedFormula' in value) throw new FormulaWithoutValue();
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** A record over strings, so .xlsx rows go through the same row checks as CSV. */
function recordOf(values: readonly string[], line: number, into: CsvRecord | null): CsvRecord {
  const r: CsvRecord = into ?? { text: '', count: 0, starts: new Int32Array(4096), ends: new Int32Array(4096), escaped: new Uint8Array(4096), line };
  let pos = 0;
  const n = Math.min(values.length, r.starts.length);
  for (let i = 0; i < n; i++) {
    r.starts[i] = pos;
    pos += values[i]!.length;
    r.ends[i] = pos;
    r.escaped[i] = 0;
  }
  r.text = values.join('');
  r.count = n;
  r.line = line;
  return r;
}

async function readXlsx(path: string, size: number, handlers: ReadHandlers): Promise<FileShape> {
  const shape: FileShape = { format: 'xlsx', encoding: null, separator: null, size };
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  // Loaded here, not at the top: most batches are CSV, and exceljs takes a third of a second to load.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(createReadStream(path).pipe(counter), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let width = 0;
  let rows = 0;
  let record: CsvRecord | null = null;
  let lastReport = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const raw = row.values as ExcelJS.CellValue[];
        // row.values is 1-based and sparse: Excel stores no empty cells.
        const cells: string[] = [];
        for (let i = 1; i < raw.length; i++) {
          try {
            cells.push(cellText(raw[i] ?? null));
          } catch (err) {
            if (!(err instanceof FormulaWithoutValue)) throw err;
            throw new FileRefusedError(
              `row ${row.number}, column ${columnLetters(i)}: a formula without a saved value; open the file in Excel, save it again (or paste the values) and import it again · dòng ${row.number}, cột ${columnLetters(i)}: công thức chưa có giá trị; hãy mở bằng Excel, lưu lại rồi nhập lại`,
            );
          }
        }
        if (cells.every((c) => c.trim() === '')) continue;
        if (width === 0) {
          width = cells.length;
          handlers.onHeader(cells, shape);
          continue;
        }
        while (cells.length < width) cells.push('');
        // Trailing empty cells beyond the header are formatting, not data.
        while (cells.length > width && cells[cells.length - 1]!.trim() === '') cells.pop();
        rows++;
        record = recordOf(cells, row.number, record);
        handlers.onRecord(record);
        if (bytesRead - lastReport >= BLOCK) {
          lastReport = bytesRead;
          await handlers.onBlock(bytesRead);
        }
      }
      break; // the first worksheet is the data; others are notes
    }
  } catch (err) {
    if (err instanceof FileRefusedError) throw err;
    if (err instanceof Error && /zip|signature|central directory|end of data/i.test(err.message))
      throw new FileRefusedError(`not a readable .xlsx file: ${err.message}`);
    throw err;
  }
  await handlers.onBlock(bytesRead);
  if (width === 0) throw new FileRefusedError('the workbook is empty: no header row · tệp Excel rỗng');
  if (rows === 0) throw new FileRefusedError(HEADER_ONLY);
  return shape;
}
