import type { Survey } from '../definitions/compile-survey.js';
import { packAnswers } from '../responses/pack-answers.js';
import { checkImportRow, type ImportProblem } from './check-import-row.js';
import { recordValues, type CsvRecord } from './csv-records.js';
import { textCellProblem } from './detect-encoding.js';
import { planColumns, type ColumnPlan } from './import-columns.js';
import { compileRowPacker, type PackedRow, type RowPacker } from './pack-import-row.js';
import { FileRefusedError, readImportFile, type FileShape } from './read-import-file.js';

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
}

export interface BlockSink {
  /** The header matched the survey; called once, before any block. May throw to stop the import. */
  header: (shape: FileShape) => void;
  /** Awaited: a slow writer holds the reader back, so memory stays flat. */
  block: (block: CheckedBlock) => Promise<void> | void;
}

class BlockBuilder {
  private good!: GoodRows;
  private bad: BadRow[] = [];
  constructor(private readonly width: number) {
    this.reset();
  }
  private reset(): void {
    this.good = { count: 0, width: this.width, lines: new Int32Array(BLOCK_ROWS), serials: [], codes: new Uint8Array(BLOCK_ROWS * this.width), province: [], district: [], commune: [], values: [] };
    this.bad = [];
  }
  get size(): number {
    return this.good.count + this.bad.length;
  }
  get full(): boolean {
    return this.good.count === BLOCK_ROWS || this.bad.length >= BLOCK_ROWS;
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
    g.count++;
  }
  addBad(row: BadRow): void {
    this.bad.push(row);
  }
  take(rows: number, bytes: number): CheckedBlock {
    const g = this.good;
    const block: CheckedBlock = { good: { ...g, lines: g.lines.subarray(0, g.count), codes: g.codes.subarray(0, g.count * this.width) }, bad: this.bad, rows, bytes };
    this.reset();
    return block;
  }
}

/** Reads, checks and packs the whole file, handing the sink a block at a time. */
export async function readCheckedBlocks(source: BlockSource, sink: BlockSink): Promise<FileShape> {
  const { survey } = source;
  let plan: ColumnPlan | null = null;
  let packer: RowPacker | null = null;
  let decimalComma = false;
  let textProblem: (t: string) => string | null = () => null;
  const builder = new BlockBuilder(survey.codedCount);
  const ready: CheckedBlock[] = [];
  let rows = 0;
  let bytes = 0;
  const provinceScope = source.provinceScope;

  const onRecord = (record: CsvRecord): void => {
    rows++;
    const at = builder.nextAt;
    const fast = packer!(record, builder.codes, at);
    if (fast) {
      builder.addGood(record.line, fast);
      if (builder.full) ready.push(builder.take(rows, bytes));
      return;
    }
    // Something is wrong or unusual: the whole row through every rule, from clean codes.
    const codes = Buffer.from(builder.codes.buffer, builder.codes.byteOffset + at, survey.codedCount).fill(0);
    const checked = checkImportRow(survey, plan!, record, { decimalComma, textProblem, provinceScope });
    if (checked.ok) {
      const p = packAnswers(survey, checked.answers, codes);
      builder.addGood(checked.line, { serial: checked.serial, province: p.province, district: p.district, commune: p.commune, values: JSON.stringify(p.values) });
    } else {
      const raw: Record<string, string> = {};
      recordValues(record).forEach((v, i) => (raw[plan!.headers[i] ?? `#${i + 1}`] = v));
      builder.addBad({ line: checked.line, serial: checked.serial, raw, problems: checked.problems });
    }
    if (builder.full) ready.push(builder.take(rows, bytes));
  };
  const drain = async (): Promise<void> => {
    while (ready.length > 0) {
      // Bytes are known per piece of the file: a block made within one counts the whole piece.
      const block = ready.shift()!;
      block.bytes = bytes;
      await sink.block(block);
    }
  };

  const shape = await readImportFile(source.file, {
    onHeader: (header, fileShape) => {
      const planned = planColumns(survey, header, source.mapping);
      if (!planned.plan) throw new FileRefusedError(`the header does not match ${survey.id}:\n  ${planned.problems.join('\n  ')}`);
      plan = planned.plan;
      decimalComma = fileShape.separator === ';';
      const encoding = fileShape.encoding ?? 'utf8';
      textProblem = (t) => textCellProblem(t, encoding);
      packer = compileRowPacker(survey, plan, { decimalComma, textProblem, provinceScope });
      sink.header(fileShape);
    },
    onRecord,
    onBlock: async (bytesRead) => {
      bytes = bytesRead;
      await drain();
    },
  });
  if (builder.size > 0) ready.push(builder.take(rows, bytes));
  await drain();
  return shape;
}
