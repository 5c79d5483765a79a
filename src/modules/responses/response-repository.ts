import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { responses } from '../../db/schema.js';
import type { ResponseScope } from '../auth/current-user.js';
import { hiddenImportRows } from './import-run-repository.js';

/**
 * Reading single responses and lists of them: the only SQL that looks responses up. Writes are in
 * response-write-repository.ts, the bulk reads of the index and the export in response-scan-repository.ts.
 */

export type Channel = 'online' | 'online-open' | 'keyed' | 'import';
export type ResponseStatus = 'submitted' | 'verified' | 'incomplete' | 'deleted';

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

/** The responses' data version: changes with every committed write to responses, by any connection. */
const versionOfResponses = perConnection((db) => db.$client.prepare<[], number>("SELECT version FROM data_versions WHERE name = 'responses'").pluck());

export function responsesVersion(db: Db): number {
  return versionOfResponses(db).get() ?? 0;
}

/** Leaves out the rows of imports still writing (import-run-repository.ts). */
const visible = (db: Db): SQL | undefined => {
  const hidden = hiddenImportRows(db);
  return hidden ? sql.raw(hidden.slice(' AND '.length)) : undefined;
};

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
        visible(db),
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
    for (const row of rows) if (row.serial !== null) found.set(row.serial, fromRow(row));
  }
  return found;
}

export function countResponses(db: Db, surveyId: string, statuses?: readonly ResponseStatus[]): number {
  const where = and(eq(responses.surveyId, surveyId), statuses ? inArray(responses.status, [...statuses]) : undefined, visible(db));
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(responses)
      .where(where)
      .get()?.n ?? 0
  );
}

/** Highest response id so far (0 when empty): the importer's mark for "inserted by this run". */
export function maxResponseId(db: Db): number {
  return (db.$client.prepare('SELECT max(id) FROM responses').pluck().get() as number | null) ?? 0;
}

/** Whether the survey has any response at all (if not, an import needs no duplicate lookups). */
export function anyResponse(db: Db, surveyId: string): boolean {
  return db.$client.prepare('SELECT 1 FROM responses WHERE survey_id = ? LIMIT 1').pluck().get(surveyId) !== undefined;
}
