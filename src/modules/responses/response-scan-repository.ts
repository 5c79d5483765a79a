import type { Db } from '../../db/open-database.js';
import type { Channel, ResponseStatus } from './response-repository.js';
import { hiddenImportRows } from './import-run-repository.js';

/** The bulk reads: every response that counts, as columns for the index or page by page for the export. */

export interface CodedRows {
  n: number;
  width: number;
  /** Row-major: response i's byte for slot j is at i * width + j. */
  codes: Uint8Array;
  province: (string | null)[];
  district: (string | null)[];
  /** Commune codes (or text, for versions that kept it as text); read with the district. */
  commune: (string | null)[];
  channel: Channel[];
  /** Numbers and texts, parsed lazily: only when a caller asks for them. */
  values?: Record<string, string | number>[];
}

/** Answers through an open link are outside the sample: left out unless asked for. */
const openChannel = (includeOpen: boolean | undefined): string => (includeOpen ? '' : ` AND +channel != 'online-open'`);
/** Leaves out responses a supervisor confirmed a quality flag on (`sipas index --exclude confirmed-flags`). */
const NOT_CONFIRMED_FLAGGED = ` AND id NOT IN (SELECT response_id FROM quality_flags WHERE survey_id = ? AND status = 'confirmed' AND response_id IS NOT NULL)`;

/**
 * Reads the coded answers of every response that counts (verified, not deleted, from the sample:
 * `online-open` only with `includeOpen`) for one survey version, as one contiguous buffer the
 * statistics module slices into columns. Rows come in id order (province, id when limited to
 * provinces): a fixed order, so the data hash is reproducible.
 */
export function scanCodedRows(
  db: Db,
  survey: { id: string; version: string; codedCount: number },
  options: {
    statuses?: readonly ResponseStatus[];
    provinces?: readonly string[] | null;
    withValues?: boolean;
    withDistrictAndChannel?: boolean;
    includeOpen?: boolean;
    excludeConfirmedFlags?: boolean;
  } = {},
): CodedRows {
  // The index rarely groups by district or channel; not reading them saves a fifth of the scan.
  const detail = options.withDistrictAndChannel ?? true;
  const statuses = options.statuses ?? ['verified'];
  const exclude = options.excludeConfirmedFlags ?? false;
  if (!options.provinces && !options.withValues) return scanInBlocks(db, survey, statuses, detail, options.includeOpen ?? false, exclude);
  const params: unknown[] = [survey.id, survey.version, ...statuses];
  // A few provinces are a small part of the table: then the (province, id) index, row by row.
  const scoped = Boolean(options.provinces);
  let where = `${scoped ? '' : '+'}survey_id = ? AND survey_version = ? AND ${scoped ? '' : '+'}status IN (${statuses.map(() => '?').join(',')})${openChannel(options.includeOpen)}${hiddenImportRows(db)}`;
  if (options.provinces) {
    where += ` AND province IN (${options.provinces.map(() => '?').join(',') || 'NULL'})`;
    params.push(...options.provinces);
  }
  if (exclude) {
    where += NOT_CONFIRMED_FLAGGED;
    params.push(survey.id);
  }
  const out = new RowCollector(survey.codedCount, detail);
  const values: Record<string, string | number>[] | undefined = options.withValues ? [] : undefined;
  const stmt = db.$client
    .prepare(
      `SELECT province, ${detail ? 'district, channel, commune' : 'NULL, NULL, NULL'}, codes${options.withValues ? ', answer_values' : ''} FROM responses WHERE ${where} ORDER BY ${scoped ? 'province, id' : 'id'}`,
    )
    .raw();
  for (const row of stmt.iterate(...params) as Iterable<unknown[]>) {
    out.add(row[0] as string | null, row[1] as string | null, row[2] as Channel, row[4] as Buffer, row[3] as string | null);
    if (values) values.push(JSON.parse(row[5] as string) as Record<string, string | number>);
  }
  return { ...out.finish(), ...(values ? { values } : {}) };
}

/** Growable row-major buffers (doubling, like a vector: one pass, no count(*) first). */
class RowCollector {
  n = 0;
  private capacity = 1024;
  private codes: Uint8Array;
  readonly province: (string | null)[] = [];
  readonly district: (string | null)[] = [];
  readonly commune: (string | null)[] = [];
  readonly channel: Channel[] = [];
  constructor(
    readonly width: number,
    private readonly detail: boolean,
  ) {
    this.codes = new Uint8Array(this.capacity * width);
  }
  private reserve(rows: number): void {
    if (this.n + rows <= this.capacity) return;
    while (this.n + rows > this.capacity) this.capacity *= 2;
    const grown = new Uint8Array(this.capacity * this.width);
    grown.set(this.codes.subarray(0, this.n * this.width));
    this.codes = grown;
  }
  add(province: string | null, district: string | null, channel: Channel, codes: Uint8Array, commune: string | null): void {
    this.reserve(1);
    this.province.push(province);
    if (this.detail) {
      this.district.push(district);
      this.commune.push(commune);
      this.channel.push(channel);
    }
    this.codes.set(codes.length > this.width ? codes.subarray(0, this.width) : codes, this.n * this.width);
    this.n++;
  }
  /** Many rows at once: their codes end to end, each exactly `width` bytes. */
  addBlock(count: number, province: (string | null)[], district: (string | null)[], channel: Channel[], codes: Uint8Array, commune: (string | null)[]): void {
    this.reserve(count);
    for (const p of province) this.province.push(p);
    if (this.detail) {
      for (const d of district) this.district.push(d);
      for (const c of commune) this.commune.push(c);
      for (const c of channel) this.channel.push(c);
    }
    this.codes.set(codes, this.n * this.width);
    this.n += count;
  }
  finish(): CodedRows {
    return {
      n: this.n,
      width: this.width,
      codes: this.codes.subarray(0, this.n * this.width),
      province: this.province,
      district: this.district,
      commune: this.commune,
      channel: this.channel,
    };
  }
}

// Unit separator: cannot occur in a place code or channel name.
const SEP = '\x1f';
const BLOCK_IDS = 16384;

/**
 * The whole survey, a block of ids per statement. A row handed to JavaScript costs more than
 * SQLite's reading it (a Buffer per blob above all), so each block comes back as one row: the
 * codes concatenated (group_concat over the blobs read as text keeps every byte) and the places
 * joined by a separator. Both aggregates consume the same rows in the same step, so row k of
 * each list is the same response; a rowid range is scanned in id order. Five times faster than
 * a row per response at a million responses (see `npm run bench -- index`).
 */
function scanInBlocks(
  db: Db,
  survey: { id: string; version: string; codedCount: number },
  statuses: readonly ResponseStatus[],
  detail: boolean,
  includeOpen: boolean,
  exclude: boolean,
): CodedRows {
  const width = survey.codedCount;
  const out = new RowCollector(width, detail);
  const bounds = db.$client.prepare('SELECT min(id), max(id) FROM responses').raw().get() as [number | null, number | null];
  if (bounds[0] === null || bounds[1] === null) return out.finish();
  const hidden = hiddenImportRows(db);
  const places = detail
    ? `group_concat(ifnull(province, ''), char(31)), group_concat(ifnull(district, ''), char(31)), group_concat(channel, char(31)), group_concat(ifnull(commune, ''), char(31))`
    : `group_concat(ifnull(province, ''), char(31)), NULL, NULL, NULL`;
  const block = db.$client
    .prepare(
      `SELECT count(*), sum(length(codes)), ${places}, CAST(group_concat(CAST(codes AS TEXT), '') AS BLOB) FROM responses
       WHERE id >= ? AND id < ? AND +survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(includeOpen)}${hidden}${exclude ? NOT_CONFIRMED_FLAGGED : ''}`,
    )
    .raw();
  const rowByRow = db.$client
    .prepare(
      `SELECT province, ${detail ? 'district, channel, commune' : 'NULL, NULL, NULL'}, codes FROM responses
       WHERE id >= ? AND id < ? AND +survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(includeOpen)}${hidden}${exclude ? NOT_CONFIRMED_FLAGGED : ''} ORDER BY id`,
    )
    .raw();
  const split = (text: string | null): (string | null)[] => (text === null ? [] : text.split(SEP).map((p) => (p === '' ? null : p)));
  for (let lo = bounds[0]; lo <= bounds[1]; lo += BLOCK_IDS) {
    const args = [lo, lo + BLOCK_IDS, survey.id, survey.version, ...statuses, ...(exclude ? [survey.id] : [])];
    const [count, bytes, province, district, channel, commune, codes] = block.get(...args) as [
      number,
      number | null,
      string | null,
      string | null,
      string | null,
      string | null,
      Buffer | null,
    ];
    if (count === 0) continue;
    if (bytes === count * width && codes?.length === bytes) {
      out.addBlock(
        count,
        split(province),
        detail ? split(district) : [],
        detail ? ((channel ?? '').split(SEP) as Channel[]) : [],
        codes,
        detail ? split(commune) : [],
      );
    } else {
      // A blob of another width (none is written so, but the store may be older than the code).
      for (const row of rowByRow.iterate(...args) as Iterable<unknown[]>)
        out.add(row[0] as string | null, row[1] as string | null, row[2] as Channel, row[4] as Buffer, row[3] as string | null);
    }
  }
  return out.finish();
}

/** One column of codes out of the row-major buffer. */
export function codedColumn(rows: CodedRows, slot: number): Uint8Array {
  const out = new Uint8Array(rows.n);
  for (let i = 0, p = slot; i < rows.n; i++, p += rows.width) out[i] = rows.codes[p] ?? 0;
  return out;
}

/** A stored response as an export reads it: raw columns, the answers still packed. */
export interface ExportRow {
  id: number;
  serial: string | null;
  channel: Channel;
  province: string | null;
  codes: Buffer;
  /** The `answer_values` JSON text, parsed by the caller only if it needs it. */
  values: string;
}

/**
 * Every response that counts (verified by default, from the sample unless `includeOpen`: the
 * same rows as scanCodedRows, so the weights line up) of one survey version, in id order, read in
 * pages of `pageSize` by keyset (id > last). No statement stays open between pages, so a slow
 * consumer (an HTTP download) never holds the connection busy, and memory stays one page.
 * Pages are separate reads: a response changed during a long export may show its newer state.
 */
export function* iterateResponsesForExport(
  db: Db,
  survey: { id: string; version: string },
  options: { statuses?: readonly ResponseStatus[]; provinces?: readonly string[] | null; pageSize?: number; includeOpen?: boolean } = {},
): Generator<ExportRow, void, undefined> {
  const statuses = options.statuses ?? ['verified'];
  const pageSize = options.pageSize ?? 5000;
  // Unary + keeps SQLite off the (survey, status, province) index: with it, every page would
  // re-read and sort all matching rows; without it, each page is a range of the primary key.
  let where = `+survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(options.includeOpen)}${hiddenImportRows(db)} AND id > ?`;
  const fixed: unknown[] = [survey.id, survey.version, ...statuses];
  const scoped: unknown[] = [];
  if (options.provinces) {
    where += ` AND +province IN (${options.provinces.map(() => '?').join(',') || 'NULL'})`;
    scoped.push(...options.provinces);
  }
  const stmt = db.$client
    .prepare(`SELECT id, serial, channel, province, codes, answer_values FROM responses WHERE ${where} ORDER BY id LIMIT ${pageSize}`)
    .raw();
  let after = 0;
  for (;;) {
    const page = stmt.all(...fixed, after, ...scoped) as unknown[][];
    for (const r of page)
      yield {
        id: r[0] as number,
        serial: r[1] as string | null,
        channel: r[2] as Channel,
        province: r[3] as string | null,
        codes: r[4] as Buffer,
        values: r[5] as string,
      };
    const last = page.at(-1);
    if (page.length < pageSize || !last) return;
    after = last[0] as number;
  }
}
