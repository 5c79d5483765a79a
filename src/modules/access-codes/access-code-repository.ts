import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import { accessCodes, batches } from '../../db/schema.js';

/** The only SQL about access codes. Codes are stored as SHA-256 hashes, never in clear. */

export interface AccessCode {
  id: number;
  surveyId: string;
  batchId: number | null;
  serial: string;
  usedAt: number | null;
  responseId: number | null;
  /** The province of the code's batch: the province the form was sent in (null for codes made before batches had one). */
  province: string | null;
}

const columns = {
  id: accessCodes.id,
  surveyId: accessCodes.surveyId,
  batchId: accessCodes.batchId,
  serial: accessCodes.serial,
  usedAt: accessCodes.usedAt,
  responseId: accessCodes.responseId,
  province: batches.province,
};

export class CodeBatchExists extends Error {
  constructor(
    readonly surveyId: string,
    readonly batchName: string,
  ) {
    super(`survey ${surveyId} already has a batch named "${batchName}"`);
    this.name = 'CodeBatchExists';
  }
}

export class SerialTaken extends Error {
  constructor(readonly serial: string) {
    super(`serial ${serial} already has an access code`);
    this.name = 'SerialTaken';
  }
}

/**
 * Stores a batch of codes in one transaction: the batch row (kind "codes", with the province
 * its forms are sent in) and one row per code.
 * `next()` is asked for another code whenever a hash is already taken, so a (very unlikely)
 * collision with an earlier batch never fails the batch.
 */
export function createCodeBatch(
  db: Db,
  batch: { surveyId: string; name: string; province: string; at: number; serials: readonly string[]; next: () => { codeHash: string; code: string } },
): { batchId: number; codes: { serial: string; code: string }[] } {
  const insert = db.$client.prepare('INSERT OR IGNORE INTO access_codes (survey_id, batch_id, serial, code_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  const serialTaken = db.$client.prepare('SELECT 1 FROM access_codes WHERE survey_id = ? AND serial = ?').pluck();
  return db.$client.transaction(() => {
    const existing = db
      .select({ id: batches.id })
      .from(batches)
      .where(and(eq(batches.surveyId, batch.surveyId), eq(batches.name, batch.name)))
      .get();
    if (existing) throw new CodeBatchExists(batch.surveyId, batch.name);
    const batchId = db
      .insert(batches)
      .values({
        surveyId: batch.surveyId,
        name: batch.name,
        kind: 'codes',
        province: batch.province,
        expected: batch.serials.length,
        status: 'committed',
        createdAt: batch.at,
      })
      .returning({ id: batches.id })
      .get().id;
    const codes: { serial: string; code: string }[] = [];
    for (const serial of batch.serials) {
      if (serialTaken.get(batch.surveyId, serial)) throw new SerialTaken(serial);
      for (;;) {
        const { codeHash, code } = batch.next();
        if (insert.run(batch.surveyId, batchId, serial, codeHash, batch.at).changes === 1) {
          codes.push({ serial, code });
          break;
        }
      }
    }
    return { batchId, codes };
  })();
}

/** The code with this hash for this survey, used or not. */
export function findAccessCodeByHash(db: Db, surveyId: string, codeHash: string): AccessCode | null {
  return (
    db
      .select(columns)
      .from(accessCodes)
      .leftJoin(batches, eq(batches.id, accessCodes.batchId))
      .where(and(eq(accessCodes.codeHash, codeHash), eq(accessCodes.surveyId, surveyId)))
      .get() ?? null
  );
}

export function findAccessCodeById(db: Db, id: number): AccessCode | null {
  return db.select(columns).from(accessCodes).leftJoin(batches, eq(batches.id, accessCodes.batchId)).where(eq(accessCodes.id, id)).get() ?? null;
}

/**
 * The code printed on the paper form with this serial. The importer asks this when a postal
 * batch brings a serial: a code already used online means the respondent answered twice.
 */
export function findAccessCodeBySerial(db: Db, surveyId: string, serial: string): AccessCode | null {
  return (
    db
      .select(columns)
      .from(accessCodes)
      .leftJoin(batches, eq(batches.id, accessCodes.batchId))
      .where(and(eq(accessCodes.surveyId, surveyId), eq(accessCodes.serial, serial)))
      .get() ?? null
  );
}

/**
 * Marks a code used by a response. Only an unused code changes, so of two submissions racing
 * with one code exactly one gets `true`.
 */
export function markAccessCodeUsed(db: Db, id: number, responseId: number, at: number): boolean {
  const result = db
    .update(accessCodes)
    .set({ usedAt: at, responseId })
    .where(and(eq(accessCodes.id, id), isNull(accessCodes.usedAt)))
    .run();
  return result.changes === 1;
}

export function countAccessCodes(db: Db, surveyId: string): { total: number; used: number } {
  const row = db
    .select({ total: sql<number>`count(*)`, used: sql<number>`count(${accessCodes.usedAt})` })
    .from(accessCodes)
    .where(eq(accessCodes.surveyId, surveyId))
    .get();
  return { total: row?.total ?? 0, used: row?.used ?? 0 };
}

/**
 * The provinces that have had forms issued for this survey (batches of codes): from a province's
 * first batch on, its issued serials are the frame every form returned from it must come from.
 */
export function provincesWithIssuedSerials(db: Db, surveyId: string): Set<string> {
  const rows = db.$client
    .prepare("SELECT DISTINCT province FROM batches WHERE survey_id = ? AND kind = 'codes' AND province IS NOT NULL")
    .pluck()
    .all(surveyId) as string[];
  return new Set(rows);
}

/** Serials among these that were issued (have a printed code), one query per 500. */
export function issuedSerials(db: Db, surveyId: string, serials: readonly string[]): Set<string> {
  const issued = new Set<string>();
  for (let i = 0; i < serials.length; i += 500) {
    const chunk = serials.slice(i, i + 500);
    const rows = db
      .select({ serial: accessCodes.serial })
      .from(accessCodes)
      .where(and(eq(accessCodes.surveyId, surveyId), inArray(accessCodes.serial, [...chunk])))
      .all();
    for (const r of rows) issued.add(r.serial);
  }
  return issued;
}

/**
 * Changes whenever codes are issued (codes are only ever added): with the responses' data version it
 * says whether a result that counts the sample (issued forms, response rates) is still current.
 */
const lastIssued = perConnection((db) => db.$client.prepare<[], number | null>('SELECT max(id) FROM access_codes').pluck());

export function issuedCodesVersion(db: Db): number {
  return lastIssued(db).get() ?? 0;
}
