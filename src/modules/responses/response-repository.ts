import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open-database.js';
import { responses } from '../../db/schema.js';
import type { PackedAnswers } from './pack-answers.js';
import type { ResponseScope } from '../auth/current-user.js';

/** The only SQL about responses. Everything else calls these functions. */

export type Channel = 'online' | 'online-open' | 'keyed' | 'import';
export type ResponseStatus = 'submitted' | 'verified' | 'incomplete' | 'deleted';

export interface NewResponse {
  surveyId: string;
  surveyVersion: string;
  serial: string | null;
  channel: Channel;
  status: ResponseStatus;
  packed: PackedAnswers;
  at: number;
  enteredBy?: number | null;
  batchId?: number | null;
  accessCodeId?: number | null;
  receipt?: string | null;
  incompleteReason?: string | null;
  /** Online: when the form was opened (the speeder check reads it). */
  startedAt?: number | null;
}

export interface StoredResponse {
  id: number;
  surveyId: string;
  surveyVersion: string;
  serial: string | null;
  channel: Channel;
  status: ResponseStatus;
  province: string | null;
  codes: Buffer;
  values: Record<string, string | number>;
  receipt: string | null;
  batchId: number | null;
  enteredBy: number | null;
  accessCodeId: number | null;
  createdAt: number;
  updatedAt: number;
}

function fromRow(row: typeof responses.$inferSelect): StoredResponse {
  return {
    id: row.id,
    surveyId: row.surveyId,
    surveyVersion: row.surveyVersion,
    serial: row.serial,
    channel: row.channel,
    status: row.status,
    province: row.province,
    codes: row.codes,
    values: JSON.parse(row.answerValues) as Record<string, string | number>,
    receipt: row.receipt,
    batchId: row.batchId,
    enteredBy: row.enteredBy,
    accessCodeId: row.accessCodeId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const bumps = new WeakMap<Db, Statement<[]>>();

/** Bumps the responses' data version (see `dataVersions` in the schema), inside the caller's write. */
function bumpVersion(db: Db): void {
  let stmt = bumps.get(db);
  if (!stmt) {
    stmt = db.$client.prepare("INSERT INTO data_versions (name, version) VALUES ('responses', 1) ON CONFLICT (name) DO UPDATE SET version = version + 1");
    bumps.set(db, stmt);
  }
  stmt.run();
}

/** The responses' data version: changes with every committed write to responses, by any connection. */
export function responsesVersion(db: Db): number {
  return (db.$client.prepare("SELECT version FROM data_versions WHERE name = 'responses'").pluck().get() as number | undefined) ?? 0;
}

const singleInserts = new WeakMap<Db, (response: NewResponse) => number>();

/** One response; the statement is prepared once per connection (every online form and keyed form inserts). */
export function insertResponse(db: Db, response: NewResponse): number {
  let insert = singleInserts.get(db);
  if (!insert) singleInserts.set(db, (insert = prepareBulkInsert(db)));
  return insert(response);
}

/**
 * Bulk insert through one prepared statement; the caller owns the transaction (the importer
 * commits a whole batch at once so a crash leaves nothing half-written).
 */
export function prepareBulkInsert(db: Db): (response: NewResponse) => number {
  const stmt = db.$client.prepare(
    `INSERT INTO responses (survey_id, survey_version, serial, channel, status, province, district, commune, codes, answer_values,
       incomplete_reason, receipt, created_at, updated_at, entered_by, batch_id, access_code_id, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (r) => {
    bumpVersion(db);
    return Number(
      stmt.run(
        r.surveyId,
        r.surveyVersion,
        r.serial,
        r.channel,
        r.status,
        r.packed.province,
        r.packed.district,
        r.packed.commune,
        r.packed.codes,
        JSON.stringify(r.packed.values),
        r.incompleteReason ?? null,
        r.receipt ?? null,
        r.at,
        r.at,
        r.enteredBy ?? null,
        r.batchId ?? null,
        r.accessCodeId ?? null,
        r.startedAt ?? null,
      ).lastInsertRowid,
    );
  };
}

/** New responses of one batch, column by column: an import writes thousands at a time. */
export interface ResponseBlock {
  surveyId: string;
  surveyVersion: string;
  channel: Channel;
  status: ResponseStatus;
  at: number;
  batchId: number | null;
  /** Why the block's rows are stored incomplete (with status 'incomplete'); null otherwise. */
  incompleteReason?: string | null;
  /** Row i's packed codes are codes[i*width … (i+1)*width). */
  width: number;
  codes: Uint8Array;
  serials: readonly string[];
  province: readonly (string | null)[];
  district: readonly (string | null)[];
  commune: readonly (string | null)[];
  /** The `answer_values` JSON text of each row. */
  values: readonly string[];
}

const BLOCK_COLUMNS =
  'survey_id, survey_version, channel, status, created_at, updated_at, batch_id, incomplete_reason, serial, province, district, commune, codes, answer_values';
const SHARED = '@survey, @version, @channel, @status, @at, @at, @batch, @reason';
/** What every row of a block shares is bound once per statement, by name; the rest per row. */
const BLOCK_ROW = `(${SHARED}, ?, ?, ?, ?, ?, ?)`;
const PER_ROW = 6;
const ROWS_PER_INSERT = 50;

/**
 * Inserts the chosen rows of a block, in order, fifty rows per statement: better-sqlite3's
 * cost is per statement run and per value bound, so this writes a million rows a quarter
 * faster than a row per run. The fifty rows' codes go as one blob that SQL cuts with
 * `substr` (a Buffer per row costs more than SQLite's copy). A statement the unique serial
 * index refuses (a serial repeated within the file) is undone by SQLite and redone row by
 * row; the rows whose serial was already stored are returned, not inserted. The caller owns
 * the transaction.
 */
export function prepareBlockInsert(db: Db): (block: ResponseBlock, rows: readonly number[]) => number[] {
  const single = db.$client.prepare(`INSERT INTO responses (${BLOCK_COLUMNS}) VALUES ${BLOCK_ROW}`);
  // One statement per answer width (a survey's), made when first needed.
  const many = new Map<number, Statement<unknown[]>>();
  const manyFor = (width: number): Statement<unknown[]> => {
    let stmt = many.get(width);
    if (!stmt) {
      const rows = Array.from({ length: ROWS_PER_INSERT }, (_, k) => `(${SHARED}, ?, ?, ?, ?, substr(@codes, ${k * width + 1}, ${width}), ?)`);
      stmt = db.$client.prepare<unknown[]>(`INSERT INTO responses (${BLOCK_COLUMNS}) VALUES ${rows.join(', ')}`);
      many.set(width, stmt);
    }
    return stmt;
  };
  const args: unknown[] = new Array<unknown>(ROWS_PER_INSERT * (PER_ROW - 1));
  const row: unknown[] = new Array<unknown>(PER_ROW);
  let gathered = Buffer.alloc(0);
  const isRepeat = (err: unknown): boolean => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
  return (b, rows) => {
    if (rows.length > 0) bumpVersion(db);
    const width = b.width;
    const shared = {
      survey: b.surveyId,
      version: b.surveyVersion,
      channel: b.channel,
      status: b.status,
      at: b.at,
      batch: b.batchId,
      reason: b.incompleteReason ?? null,
      codes: null as Buffer | null,
    };
    const repeated: number[] = [];
    const oneByOne = (from: number, to: number): void => {
      for (let r = from; r < to; r++) {
        const i = rows[r]!;
        row[0] = b.serials[i];
        row[1] = b.province[i];
        row[2] = b.district[i];
        row[3] = b.commune[i];
        row[4] = Buffer.from(b.codes.buffer, b.codes.byteOffset + i * width, width);
        row[5] = b.values[i];
        try {
          single.run(shared, ...row);
        } catch (err) {
          if (!isRepeat(err)) throw err;
          repeated.push(i);
        }
      }
    };
    const stmt = manyFor(width);
    if (gathered.length < ROWS_PER_INSERT * width) gathered = Buffer.alloc(ROWS_PER_INSERT * width);
    let r = 0;
    for (; r + ROWS_PER_INSERT <= rows.length; r += ROWS_PER_INSERT) {
      const first = rows[r]!;
      let consecutive = true;
      for (let k = 0; k < ROWS_PER_INSERT; k++) {
        const i = rows[r + k]!;
        const at = k * (PER_ROW - 1);
        args[at] = b.serials[i];
        args[at + 1] = b.province[i];
        args[at + 2] = b.district[i];
        args[at + 3] = b.commune[i];
        args[at + 4] = b.values[i];
        if (i !== first + k) consecutive = false;
      }
      // Consecutive rows (the usual case in file order) are one view of the block's buffer; others are gathered.
      if (consecutive) shared.codes = Buffer.from(b.codes.buffer, b.codes.byteOffset + first * width, ROWS_PER_INSERT * width);
      else {
        for (let k = 0; k < ROWS_PER_INSERT; k++) {
          const i = rows[r + k]!;
          gathered.set(b.codes.subarray(i * width, (i + 1) * width), k * width);
        }
        shared.codes = gathered.subarray(0, ROWS_PER_INSERT * width);
      }
      try {
        stmt.run(shared, ...args);
      } catch (err) {
        if (!isRepeat(err)) throw err;
        oneByOne(r, r + ROWS_PER_INSERT);
      }
    }
    oneByOne(r, rows.length);
    return repeated;
  };
}

/**
 * Changes a stored response's status, and its answers when given (keying verification and a
 * supervisor's resolution). The caller records the audit entry with before and after.
 */
export function updateResponse(
  db: Db,
  id: number,
  change: { status: ResponseStatus; at: number; packed?: PackedAnswers; incompleteReason?: string | null },
): void {
  const set: Partial<typeof responses.$inferInsert> = { status: change.status, updatedAt: change.at };
  if (change.packed) {
    Object.assign(set, {
      codes: change.packed.codes,
      answerValues: JSON.stringify(change.packed.values),
      province: change.packed.province,
      district: change.packed.district,
      commune: change.packed.commune,
    });
  }
  if (change.incompleteReason !== undefined) set.incompleteReason = change.incompleteReason;
  db.update(responses).set(set).where(eq(responses.id, id)).run();
  bumpVersion(db);
}

export function findResponse(db: Db, id: number): StoredResponse | null {
  const row = db.select().from(responses).where(eq(responses.id, id)).get();
  return row ? fromRow(row) : null;
}

/**
 * The SQL condition for what a scope may see: its provinces (a response with no province is
 * outside every limited scope) and, for an enumerator, only what they entered.
 */
export function scopeCondition(scope: ResponseScope): SQL | undefined {
  const parts: SQL[] = [];
  if (scope.provinces !== null) parts.push(scope.provinces.length ? inArray(responses.province, [...scope.provinces]) : sql`0`);
  if (scope.enteredBy !== null) parts.push(eq(responses.enteredBy, scope.enteredBy));
  return parts.length ? and(...parts) : undefined;
}

/**
 * A response only if the scope may see it; null otherwise, exactly as for an id that does
 * not exist, so guessing ids tells nothing. Deleted responses are found (their history stays readable).
 */
export function findResponseScoped(db: Db, id: number, scope: ResponseScope): StoredResponse | null {
  const row = db
    .select()
    .from(responses)
    .where(and(eq(responses.id, id), scopeCondition(scope)))
    .get();
  return row ? fromRow(row) : null;
}

export interface ResponseListItem {
  id: number;
  surveyId: string;
  serial: string | null;
  channel: Channel;
  status: ResponseStatus;
  province: string | null;
  updatedAt: number;
}

/** The most recently changed responses the scope may see, optionally those whose serial starts with `serialPrefix`. */
export function listResponsesScoped(db: Db, scope: ResponseScope, filter: { surveyId?: string; serialPrefix?: string; limit: number }): ResponseListItem[] {
  const escaped = filter.serialPrefix?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({
      id: responses.id,
      surveyId: responses.surveyId,
      serial: responses.serial,
      channel: responses.channel,
      status: responses.status,
      province: responses.province,
      updatedAt: responses.updatedAt,
    })
    .from(responses)
    .where(
      and(
        scopeCondition(scope),
        filter.surveyId ? eq(responses.surveyId, filter.surveyId) : undefined,
        escaped ? sql`${responses.serial} LIKE ${escaped + '%'} ESCAPE '\\'` : undefined,
      ),
    )
    .orderBy(desc(responses.updatedAt), desc(responses.id))
    .limit(filter.limit)
    .all();
}

/** The response an online receipt number belongs to (the thank-you page shows when it arrived). */
export function findResponseByReceipt(db: Db, receipt: string): StoredResponse | null {
  const row = db.select().from(responses).where(eq(responses.receipt, receipt)).get();
  return row ? fromRow(row) : null;
}

export function findResponseBySerial(db: Db, surveyId: string, serial: string): StoredResponse | null {
  const row = db
    .select()
    .from(responses)
    .where(and(eq(responses.surveyId, surveyId), eq(responses.serial, serial)))
    .get();
  return row ? fromRow(row) : null;
}

/** Serial → (id, codes, values) for a set of serials, for duplicate detection in bulk. */
export function findResponsesBySerials(db: Db, surveyId: string, serials: readonly string[]): Map<string, StoredResponse> {
  const found = new Map<string, StoredResponse>();
  for (let i = 0; i < serials.length; i += 500) {
    const chunk = serials.slice(i, i + 500);
    const rows = db
      .select()
      .from(responses)
      .where(and(eq(responses.surveyId, surveyId), inArray(responses.serial, chunk)))
      .all();
    for (const row of rows) found.set(row.serial!, fromRow(row));
  }
  return found;
}

export function countResponses(db: Db, surveyId: string, statuses?: readonly ResponseStatus[]): number {
  const where = statuses ? and(eq(responses.surveyId, surveyId), inArray(responses.status, [...statuses])) : eq(responses.surveyId, surveyId);
  return db
    .select({ n: sql<number>`count(*)` })
    .from(responses)
    .where(where)
    .get()!.n;
}

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
  let where = `${scoped ? '' : '+'}survey_id = ? AND survey_version = ? AND ${scoped ? '' : '+'}status IN (${statuses.map(() => '?').join(',')})${openChannel(options.includeOpen)}`;
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
  const places = detail
    ? `group_concat(ifnull(province, ''), char(31)), group_concat(ifnull(district, ''), char(31)), group_concat(channel, char(31)), group_concat(ifnull(commune, ''), char(31))`
    : `group_concat(ifnull(province, ''), char(31)), NULL, NULL, NULL`;
  const block = db.$client
    .prepare(
      `SELECT count(*), sum(length(codes)), ${places}, CAST(group_concat(CAST(codes AS TEXT), '') AS BLOB) FROM responses
       WHERE id >= ? AND id < ? AND +survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(includeOpen)}${exclude ? NOT_CONFIRMED_FLAGGED : ''}`,
    )
    .raw();
  const rowByRow = db.$client
    .prepare(
      `SELECT province, ${detail ? 'district, channel, commune' : 'NULL, NULL, NULL'}, codes FROM responses
       WHERE id >= ? AND id < ? AND +survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(includeOpen)}${exclude ? NOT_CONFIRMED_FLAGGED : ''} ORDER BY id`,
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
        detail ? (channel!.split(SEP) as Channel[]) : [],
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
  for (let i = 0, p = slot; i < rows.n; i++, p += rows.width) out[i] = rows.codes[p]!;
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
  let where = `+survey_id = ? AND survey_version = ? AND +status IN (${statuses.map(() => '?').join(',')})${openChannel(options.includeOpen)} AND id > ?`;
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
    if (page.length < pageSize) return;
    after = page[page.length - 1]![0] as number;
  }
}

/** Highest response id so far (0 when empty): the importer's mark for "inserted by this run". */
export function maxResponseId(db: Db): number {
  return (db.$client.prepare('SELECT max(id) FROM responses').pluck().get() as number | null) ?? 0;
}

/**
 * Takes the province index off for a bulk load inside the caller's transaction and gives back
 * what puts it on again (its own stored definition, so it comes back exactly as it was).
 * Building it once from sorted rows costs less than keeping it up to date row by row when a
 * batch is as big as the table; a rollback or a crash brings the index back with the rest.
 */
export function suspendProvinceIndex(db: Db): () => void {
  const definition = db.$client.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'responses_scan'").pluck().get() as string | undefined;
  if (!definition) return () => {};
  db.$client.exec('DROP INDEX responses_scan');
  return () => db.$client.exec(definition);
}

/** Whether the survey has any response at all (if not, an import needs no duplicate lookups). */
export function anyResponse(db: Db, surveyId: string): boolean {
  return db.$client.prepare('SELECT 1 FROM responses WHERE survey_id = ? LIMIT 1').pluck().get(surveyId) !== undefined;
}

/**
 * Removes what a failed all-or-nothing import inserted, inside its still-open transaction, so
 * the quarantine entries written alongside can be committed while no response is.
 */
export function deleteBatchResponsesAfter(db: Db, batchId: number, afterId: number): void {
  db.$client.prepare('DELETE FROM responses WHERE batch_id = ? AND id > ?').run(batchId, afterId);
  bumpVersion(db);
}
