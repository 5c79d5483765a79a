import { eq } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { responses } from '../../db/schema.js';
import type { PackedAnswers } from './pack-answers.js';
import type { Channel, ResponseStatus } from './response-repository.js';

/** Writing responses: the only SQL that inserts, changes or removes them. Each write bumps the responses' data version. */

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

const bumps = perConnection((db) =>
  db.$client.prepare("INSERT INTO data_versions (name, version) VALUES ('responses', 1) ON CONFLICT (name) DO UPDATE SET version = version + 1"),
);

/** Bumps the responses' data version (see `dataVersions` in the schema), inside the caller's write. */
function bumpVersion(db: Db): void {
  bumps(db).run();
}

/** Bumps the data version in the caller's transaction: rows written earlier became part of the data (an import's last chunk). */
export const bumpResponsesVersion = bumpVersion;

const singleInserts = perConnection((db) => prepareBulkInsert(db));

/** One response; the statement is prepared once per connection (every online form and keyed form inserts). */
export function insertResponse(db: Db, response: NewResponse): number {
  return singleInserts(db)(response);
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
export function prepareBlockInsert(db: Db, options: { hidden?: boolean } = {}): (block: ResponseBlock, rows: readonly number[]) => number[] {
  const single = db.$client.prepare(`INSERT INTO responses (${BLOCK_COLUMNS}) VALUES ${BLOCK_ROW}`);
  const many = manyRowStatements(db);
  const fifty = new FiftyRows();
  const row: unknown[] = new Array<unknown>(PER_ROW);
  return (b, rows) => {
    // Rows of an import still writing change nothing anyone reads: its last transaction bumps the version.
    if (rows.length > 0 && !options.hidden) bumpVersion(db);
    const shared = sharedValues(b);
    const repeated: number[] = [];
    const oneByOne = (from: number, to: number): void => {
      for (const i of rows.slice(from, to)) {
        row[0] = b.serials[i];
        row[1] = b.province[i];
        row[2] = b.district[i];
        row[3] = b.commune[i];
        row[4] = Buffer.from(b.codes.buffer, b.codes.byteOffset + i * b.width, b.width);
        row[5] = b.values[i];
        try {
          single.run(shared, ...row);
        } catch (err) {
          if (!isRepeat(err)) throw err;
          repeated.push(i);
        }
      }
    };
    const stmt = many(b.width);
    let r = 0;
    for (; r + ROWS_PER_INSERT <= rows.length; r += ROWS_PER_INSERT) {
      shared.codes = fifty.fill(b, rows, r);
      try {
        stmt.run(shared, ...fifty.args);
      } catch (err) {
        if (!isRepeat(err)) throw err;
        oneByOne(r, r + ROWS_PER_INSERT);
      }
    }
    oneByOne(r, rows.length);
    return repeated;
  };
}

const isRepeat = (err: unknown): boolean => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The values every row of a block shares, bound by name; `codes` is set per statement. */
function sharedValues(b: ResponseBlock) {
  return {
    survey: b.surveyId,
    version: b.surveyVersion,
    channel: b.channel,
    status: b.status,
    at: b.at,
    batch: b.batchId,
    reason: b.incompleteReason ?? null,
    codes: null as Buffer | null,
  };
}

/** One fifty-row statement per answer width (a survey's), made when first needed. */
function manyRowStatements(db: Db): (width: number) => Statement<unknown[]> {
  const many = new Map<number, Statement<unknown[]>>();
  return (width) => {
    let stmt = many.get(width);
    if (!stmt) {
      const rows = Array.from({ length: ROWS_PER_INSERT }, (_, k) => `(${SHARED}, ?, ?, ?, ?, substr(@codes, ${k * width + 1}, ${width}), ?)`);
      stmt = db.$client.prepare<unknown[]>(`INSERT INTO responses (${BLOCK_COLUMNS}) VALUES ${rows.join(', ')}`);
      many.set(width, stmt);
    }
    return stmt;
  };
}

/** The positional values of fifty rows and their codes as one blob, reused from statement to statement. */
class FiftyRows {
  readonly args: unknown[] = new Array<unknown>(ROWS_PER_INSERT * (PER_ROW - 1));
  private gathered = Buffer.alloc(0);

  /** Fills `args` with rows[from … from + 50) and returns their codes end to end. */
  fill(b: ResponseBlock, rows: readonly number[], from: number): Buffer {
    const width = b.width;
    const chosen = rows.slice(from, from + ROWS_PER_INSERT);
    const first = chosen[0] ?? 0;
    let consecutive = true;
    chosen.forEach((i, k) => {
      const at = k * (PER_ROW - 1);
      this.args[at] = b.serials[i];
      this.args[at + 1] = b.province[i];
      this.args[at + 2] = b.district[i];
      this.args[at + 3] = b.commune[i];
      this.args[at + 4] = b.values[i];
      if (i !== first + k) consecutive = false;
    });
    // Consecutive rows (the usual case in file order) are one view of the block's buffer; others are gathered.
    if (consecutive) return Buffer.from(b.codes.buffer, b.codes.byteOffset + first * width, ROWS_PER_INSERT * width);
    if (this.gathered.length < ROWS_PER_INSERT * width) this.gathered = Buffer.alloc(ROWS_PER_INSERT * width);
    chosen.forEach((i, k) => this.gathered.set(b.codes.subarray(i * width, (i + 1) * width), k * width));
    return this.gathered.subarray(0, ROWS_PER_INSERT * width);
  }
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

/**
 * Removes what a failed all-or-nothing import inserted, inside its still-open transaction, so
 * the quarantine entries written alongside can be committed while no response is.
 */
export function deleteBatchResponsesAfter(db: Db, batchId: number, afterId: number): void {
  db.$client.prepare('DELETE FROM responses WHERE batch_id = ? AND id > ?').run(batchId, afterId);
  bumpVersion(db);
}
