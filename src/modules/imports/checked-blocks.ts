import type { Survey } from '../definitions/compile-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { checkImportRow, type ImportProblem, type RowCheckOptions } from './check-import-row.js';
import { recordValues, type CsvRecord } from './csv-records.js';
import { textCellProblem } from './detect-encoding.js';
import { planColumns, type ColumnPlan } from './import-columns.js';
import { compileRowPacker, type PackedRow, type RowPacker } from './pack-import-row.js';
import { FileRefusedError, readImportFile, type FileLimits, type FileShape } from './read-import-file.js';
import { BatchBuilder, type RecordBatch } from './record-batches.js';

/**
 * The reading half of an import: the file as blocks of checked, packed rows, ready to insert.
 * It touches no database, so it can run on a worker thread while the main thread writes
 * (see `checked-blocks-in-worker.ts`); a block holds only typed arrays and strings, which
 * cross threads cheaply (the codes buffer is transferred, not copied).
 */

/** Rows per block: big enough that the per-block lookups and messages cost nothing, small enough to stay flat in memory. */
export const BLOCK_ROWS = 2000;

/** Good rows of a block, column by column; row i's codes are codes[i*width … (i+1)*width). */
export interface GoodRows {
  count: number;
  width: number;
  lines: Int32Array;
  serials: string[];
  codes: Uint8Array;
  province: (string | null)[];
  district: (string | null)[];
  commune: (string | null)[];
  /** Numbers and texts as the JSON text stored in `answer_values`. */
  values: string[];
  /** 1 when row i meets the usability rule, 0 when it is stored incomplete. */
  usable: Uint8Array;
}

/** A row that cannot be stored: its cells as read (by header) and every problem found. */
export interface BadRow {
  line: number;
  serial: string;
  raw: Record<string, string>;
  problems: ImportProblem[];
}

export interface CheckedBlock {
  good: GoodRows;
  bad: BadRow[];
  /** Records read so far, and bytes of the file read so far. */
  rows: number;
  bytes: number;
}

export interface BlockSource {
  survey: Survey;
  file: string;
  mapping?: ReadonlyMap<string, string> | undefined;
  /** Provinces the uploader may write; null = national. */
  provinceScope: readonly string[] | null;
  limits: FileLimits;
  /** Read and check at background priority (a web import beside the server's respondents). */
  background?: boolean;
}

export interface BlockSink {
  /** The header matched the survey; called once, before any block. May throw to stop the import. */
  header: (shape: FileShape, header: string[]) => void;
  /** Awaited: a slow writer holds the reader back, so memory stays flat. */
  block: (block: CheckedBlock) => Promise<void> | void;
  /** When given, every other block's records go here unpacked, for another thread to pack. */
  handOff?: (batch: RecordBatch) => Promise<void> | void;
}

class BlockBuilder {
  private good!: GoodRows;
  private bad: BadRow[] = [];
  constructor(private readonly width: number) {
    this.reset();
  }
  private reset(): void {
    this.good = {
      count: 0,
      width: this.width,
      lines: new Int32Array(BLOCK_ROWS),
      serials: [],
      codes: new Uint8Array(BLOCK_ROWS * this.width),
      province: [],
      district: [],
      commune: [],
      values: [],
      usable: new Uint8Array(BLOCK_ROWS),
    };
    this.bad = [];
  }
  get size(): number {
    return this.good.count + this.bad.length;
  }
  /** A block is BLOCK_ROWS records, good or bad: the same rows whichever thread packs it. */
  get full(): boolean {
    return this.size === BLOCK_ROWS;
  }
  /** The block's codes buffer, and where the next row's (zeroed) bytes start in it. */
  get codes(): Uint8Array {
    return this.good.codes;
  }
  get nextAt(): number {
    return this.good.count * this.width;
  }
  /** The row whose codes were written at `nextAt`. */
  addGood(line: number, packed: PackedRow): void {
    const g = this.good;
    g.lines[g.count] = line;
    g.serials.push(packed.serial);
    g.province.push(packed.province);
    g.district.push(packed.district);
    g.commune.push(packed.commune);
    g.values.push(packed.values);
    g.usable[g.count] = packed.usable ? 1 : 0;
    g.count++;
  }
  addBad(row: BadRow): void {
    this.bad.push(row);
  }
  take(rows: number, bytes: number): CheckedBlock {
    const g = this.good;
    const block: CheckedBlock = {
      good: { ...g, lines: g.lines.subarray(0, g.count), codes: g.codes.subarray(0, g.count * this.width), usable: g.usable.subarray(0, g.count) },
      bad: this.bad,
      rows,
      bytes,
    };
    this.reset();
    return block;
  }
}

/** The row-level work of a reader: each record checked and packed into the current block. */
export class BlockPacker {
  private readonly builder: BlockBuilder;
  private readonly packer: RowPacker;
  private readonly options: RowCheckOptions;

  constructor(
    private readonly survey: Survey,
    private readonly plan: ColumnPlan,
    shape: FileShape,
    provinceScope: readonly string[] | null,
  ) {
    const encoding = shape.encoding ?? 'utf8';
    this.options = { decimalComma: shape.separator === ';', textProblem: (t) => textCellProblem(t, encoding), provinceScope };
    this.packer = compileRowPacker(survey, plan, this.options);
    this.builder = new BlockBuilder(survey.codedCount);
  }

  get size(): number {
    return this.builder.size;
  }

  /** Adds one record; true when the block is full. */
  add(record: CsvRecord): boolean {
    const { builder, survey } = this;
    const at = builder.nextAt;
    const fast = this.packer(record, builder.codes, at);
    if (fast) {
      builder.addGood(record.line, fast);
      return builder.full;
    }
    // Something is wrong or unusual: the whole row through every rule, from clean codes.
    const codes = Buffer.from(builder.codes.buffer, builder.codes.byteOffset + at, survey.codedCount).fill(0);
    const checked = checkImportRow(survey, this.plan, record, this.options);
    if (checked.ok) {
      const p = packAnswers(survey, checked.answers, codes);
      builder.addGood(checked.line, {
        serial: checked.serial,
        province: p.province,
        district: p.district,
        commune: p.commune,
        values: JSON.stringify(p.values),
        usable: checked.usable,
      });
    } else {
      const raw: Record<string, string> = {};
      recordValues(record).forEach((v, i) => (raw[this.plan.headers[i] ?? `#${i + 1}`] = v));
      builder.addBad({ line: checked.line, serial: checked.serial, raw, problems: checked.problems });
    }
    return builder.full;
  }

  take(rows: number, bytes: number): CheckedBlock {
    return this.builder.take(rows, bytes);
  }
}

/** The header as a plan, or the refusal (the whole file is unusable). */
export function planOrRefuse(survey: Survey, header: readonly string[], mapping: ReadonlyMap<string, string> | undefined): ColumnPlan {
  const planned = planColumns(survey, header, mapping);
  if (!planned.plan) throw new FileRefusedError(`the header does not match ${survey.id}:\n  ${planned.problems.join('\n  ')}`);
  return planned.plan;
}

/** Reads, checks and packs the whole file, handing the sink a block at a time. */
export async function readCheckedBlocks(source: BlockSource, sink: BlockSink): Promise<FileShape> {
  const { survey } = source;
  let packer: BlockPacker | null = null;
  const batcher = sink.handOff ? new BatchBuilder(BLOCK_ROWS) : null;
  // Blocks in file order: with a second thread, every other one is a batch of records for it.
  const ready: ({ kind: 'block'; block: CheckedBlock } | { kind: 'batch'; batch: RecordBatch })[] = [];
  let rows = 0;
  let bytes = 0;
  let seq = 0;

  const onRecord = (record: CsvRecord): void => {
    rows++;
    if (batcher && seq % 3 !== 0) {
      if (batcher.add(record)) {
        ready.push({ kind: 'batch', batch: batcher.take(rows, bytes) });
        seq++;
      }
    } else if (packer!.add(record)) {
      ready.push({ kind: 'block', block: packer!.take(rows, bytes) });
      seq++;
    }
  };
  const drain = async (): Promise<void> => {
    while (ready.length > 0) {
      // Bytes are known per piece of the file: a block made within one counts the whole piece.
      const next = ready.shift()!;
      if (next.kind === 'block') {
        next.block.bytes = bytes;
        await sink.block(next.block);
      } else {
        next.batch.bytes = bytes;
        await sink.handOff!(next.batch);
      }
    }
  };

  let shape: FileShape;
  try {
    shape = await readImportFile(
      source.file,
      {
        onHeader: (header, fileShape) => {
          packer = new BlockPacker(survey, planOrRefuse(survey, header, source.mapping), fileShape, source.provinceScope);
          sink.header(fileShape, header);
        },
        onRecord,
        onBlock: async (bytesRead) => {
          bytes = bytesRead;
          await drain();
        },
      },
      source.limits,
    );
  } catch (err) {
    // With a second thread, records before this point may hold a problem it has not found yet:
    // hand them over first, so the refusal the writer meets first is the first in the file.
    if (batcher) {
      if (batcher.records > 0) ready.push({ kind: 'batch', batch: batcher.take(rows, bytes) });
      await drain();
    }
    throw err;
  }
  if (batcher && batcher.records > 0) ready.push({ kind: 'batch', batch: batcher.take(rows, bytes) });
  else if ((packer as BlockPacker | null)?.size) ready.push({ kind: 'block', block: packer!.take(rows, bytes) });
  await drain();
  return shape;
}
