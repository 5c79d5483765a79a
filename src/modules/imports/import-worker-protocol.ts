import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { PlaceListWire } from '../definitions/place-list.js';
import type { CheckedBlock, GoodRows } from './checked-blocks.js';
import type { RecordBatch } from './record-batches.js';
import type { FileLimits, FileShape } from './read-import-file.js';

/** The messages between an import and its two threads (see import-worker.ts). */

/** What the main thread sends each thread (see `checked-blocks-in-worker.ts`): plain data, cloned. */
export interface ImportWorkerData {
  entry: string;
  /** The reader reads the file and packs every other block; the packer packs the rest. */
  role: 'reader' | 'packer';
  definition: SurveyDefinition;
  places: PlaceListWire;
  file: string;
  mapping: [string, string][] | null;
  provinceScope: readonly string[] | null;
  limits: FileLimits;
  /** Blocks and batches the reader may be ahead of the writer. */
  credits: number;
  /** Run at background priority (see threads/background-priority.ts). */
  background: boolean;
}

/** To the main thread. `seq` is the block's place in the file: the writer takes them in that order. */
export type WorkerMessage =
  | { type: 'header'; shape: FileShape }
  | { type: 'block'; seq: number; block: WireBlock }
  | { type: 'done'; shape: FileShape; blocks: number }
  | { type: 'refused'; seq: number; message: string }
  | { type: 'failed'; seq: number; message: string; stack: string | undefined };

/** From the reader to the packer, over their own channel. */
export type PackerMessage = { type: 'header'; shape: FileShape; header: string[] } | { type: 'records'; seq: number; batch: RecordBatch };

/**
 * A block as it crosses threads: each column of strings joined into one string. Cloning one
 * string is a copy; cloning thousands costs both threads a second over a million rows. A
 * column holding the separator itself (a control character no real file has) goes as a list.
 * An empty place is null (places are never stored as empty text).
 */
type Column = 'serials' | 'province' | 'district' | 'commune' | 'values';
export type WireBlock = Omit<CheckedBlock, 'good'> & { good: Omit<GoodRows, Column> & { [C in Column]: string | GoodRows[C] } };

const SEP = '\x1f';

function join<T extends string | null>(list: readonly T[]): string | readonly T[] {
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const v = list[i] ?? '';
    if (v.includes(SEP)) return list;
    out = i === 0 ? v : out + SEP + v;
  }
  return out;
}

function split(column: string | readonly (string | null)[], count: number): (string | null)[] {
  if (typeof column !== 'string') return [...column];
  return count === 0 ? [] : column.split(SEP).map((v) => (v === '' ? null : v));
}

export function toWire(block: CheckedBlock): WireBlock {
  const g = block.good;
  // JSON text escapes control characters, so values never hold the separator.
  return {
    ...block,
    good: { ...g, serials: join(g.serials), province: join(g.province), district: join(g.district), commune: join(g.commune), values: g.values.join(SEP) },
  } as WireBlock;
}

export function fromWire(block: WireBlock): CheckedBlock {
  const g = block.good;
  // Serials and values are never empty, so they come back as strings.
  return {
    ...block,
    good: {
      ...g,
      serials: split(g.serials, g.count) as string[],
      province: split(g.province, g.count),
      district: split(g.district, g.count),
      commune: split(g.commune, g.count),
      values: split(g.values, g.count) as string[],
    },
  };
}
