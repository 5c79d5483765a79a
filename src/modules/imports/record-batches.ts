import type { CsvRecord } from './csv-records.js';

/**
 * How the reading thread hands every other block to the packing thread (see import-worker.ts):
 * the records themselves, not packed, in a form that crosses threads as a few typed arrays and
 * one string.
 */

/**
 * Records of every other block, for a second thread to pack: the text of each record copied
 * end to end, its field boundaries as found (record k's are shifted by shift[k] into the
 * copied text), and the line it started on.
 */
export interface RecordBatch {
  count: number;
  text: string;
  /** Record k's fields are starts/ends/escaped[fieldStart[k] … fieldStart[k+1]). */
  fieldStart: Int32Array;
  shift: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  escaped: Uint8Array;
  lines: Int32Array;
  rows: number;
  bytes: number;
}

/** Typed arrays filled with whole records at a time: no per-field JavaScript work. */
export class BatchBuilder {
  private parts: string[] = [];
  private length = 0;
  private count = 0;
  private fields = 0;
  private fieldStart: Int32Array<ArrayBuffer>;
  private shift: Int32Array<ArrayBuffer>;
  private lines: Int32Array<ArrayBuffer>;
  private starts: Int32Array<ArrayBuffer>;
  private ends: Int32Array<ArrayBuffer>;
  private escaped: Uint8Array<ArrayBuffer>;
  /** `size` records make a batch (a block's worth). */
  constructor(private readonly size: number) {
    this.fieldStart = new Int32Array(size + 1);
    this.shift = new Int32Array(size);
    this.lines = new Int32Array(size);
    this.starts = new Int32Array(size * 128);
    this.ends = new Int32Array(size * 128);
    this.escaped = new Uint8Array(size * 128);
  }
  get records(): number {
    return this.count;
  }
  add(record: CsvRecord): boolean {
    const n = record.count;
    if (this.fields + n > this.starts.length) this.grow(this.fields + n);
    const from = n > 0 ? record.starts[0]! : 0;
    const to = n > 0 ? record.ends[n - 1]! : 0;
    this.starts.set(record.starts.subarray(0, n), this.fields);
    this.ends.set(record.ends.subarray(0, n), this.fields);
    this.escaped.set(record.escaped.subarray(0, n), this.fields);
    this.parts.push(record.text.slice(from, to));
    this.shift[this.count] = this.length - from;
    this.lines[this.count] = record.line;
    this.length += to - from;
    this.fields += n;
    this.count++;
    this.fieldStart[this.count] = this.fields;
    return this.count === this.size;
  }
  private grow(need: number): void {
    const size = Math.max(need, this.starts.length * 2);
    const grown = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, this.fields));
      return b;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    const escaped = new Uint8Array(size);
    escaped.set(this.escaped.subarray(0, this.fields));
    this.escaped = escaped;
  }
  take(rows: number, bytes: number): RecordBatch {
    const f = this.fields;
    const c = this.count;
    const batch: RecordBatch = {
      count: c,
      text: this.parts.join(''),
      fieldStart: this.fieldStart.slice(0, c + 1),
      shift: this.shift.slice(0, c),
      starts: this.starts.slice(0, f),
      ends: this.ends.slice(0, f),
      escaped: this.escaped.slice(0, f),
      lines: this.lines.slice(0, c),
      rows,
      bytes,
    };
    this.parts = [];
    this.length = this.fields = this.count = 0;
    return batch;
  }
}

/** What packs records into a block: checked-blocks.ts's BlockPacker (not imported, which imports this file). */
export interface RecordPacker<Block> {
  add(record: CsvRecord): unknown;
  take(rows: number, bytes: number): Block;
}

/** Packs a batch of records handed over by the reading thread, as that thread would have. */
export function packRecordBatch<Block>(packer: RecordPacker<Block>, batch: RecordBatch, maxFields = 4096): Block {
  const record: CsvRecord = {
    text: batch.text,
    count: 0,
    starts: new Int32Array(maxFields),
    ends: new Int32Array(maxFields),
    escaped: new Uint8Array(maxFields),
    line: 0,
  };
  for (let k = 0; k < batch.count; k++) {
    const from = batch.fieldStart[k]!;
    const count = batch.fieldStart[k + 1]! - from;
    const shift = batch.shift[k]!;
    for (let i = 0; i < count; i++) {
      record.starts[i] = batch.starts[from + i]! + shift;
      record.ends[i] = batch.ends[from + i]! + shift;
    }
    record.escaped.set(batch.escaped.subarray(from, from + count));
    record.count = count;
    record.line = batch.lines[k]!;
    packer.add(record);
  }
  return packer.take(batch.rows, batch.bytes);
}
