import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { accessCodes, batches, keyingDisagreements, keyingEntries } from '../../db/schema.js';
import type { EntryFacts } from './keyer-statistics.js';
import type { ProgressCounts } from './batch-progress.js';

/** The only SQL about keying entries, their disagreements and keying batches (conflicts: conflicts/conflict-repository). */

export type Batch = typeof batches.$inferSelect;
export type KeyingEntry = typeof keyingEntries.$inferSelect;
export type Disagreement = typeof keyingDisagreements.$inferSelect;

/** `IN (?, ?…)` for a province scope; null scope = no filter. */
function scopeSql(column: string, scope: readonly string[] | null): { sql: string; params: string[] } {
  if (scope === null) return { sql: '', params: [] };
  return { sql: ` AND ${column} IN (${scope.map(() => '?').join(',') || 'NULL'})`, params: [...scope] };
}

export interface NewBatch {
  surveyId: string;
  name: string;
  province: string | null;
  expected: number | null;
  received: number | null;
  requiresVerification: boolean;
  createdBy: number;
  at: number;
}

export function insertKeyingBatch(db: Db, b: NewBatch): number {
  return db
    .insert(batches)
    .values({
      surveyId: b.surveyId,
      name: b.name,
      kind: 'keying',
      province: b.province,
      expected: b.expected,
      received: b.received,
      requiresVerification: b.requiresVerification,
      createdAt: b.at,
      createdBy: b.createdBy,
    })
    .returning({ id: batches.id })
    .get().id;
}

export function updateBatchCounts(db: Db, id: number, counts: { expected: number | null; received: number | null }): void {
  db.update(batches).set(counts).where(eq(batches.id, id)).run();
}

export function findKeyingBatch(db: Db, id: number): Batch | null {
  return (
    db
      .select()
      .from(batches)
      .where(and(eq(batches.id, id), eq(batches.kind, 'keying')))
      .get() ?? null
  );
}

export function findBatchByName(db: Db, surveyId: string, name: string): Batch | null {
  return (
    db
      .select()
      .from(batches)
      .where(and(eq(batches.surveyId, surveyId), eq(batches.name, name)))
      .get() ?? null
  );
}

export type BatchWithCounts = Batch & ProgressCounts;

/** Keying batches in the scope with their progress counts, newest first. */
export function listKeyingBatches(db: Db, scope: readonly string[] | null, surveyId?: string): BatchWithCounts[] {
  const s = scopeSql('b.province', scope);
  const survey = surveyId ? ' AND b.survey_id = ?' : '';
  const rows = db.$client
    .prepare(
      `SELECT b.id,
         (SELECT count(DISTINCT serial) FROM keying_entries e WHERE e.batch_id = b.id) AS keyed,
         (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status = 'verified') AS verified,
         (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status = 'incomplete') AS incomplete,
         (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status = 'submitted') AS awaiting,
         (SELECT count(*) FROM conflicts c WHERE c.incoming_batch_id = b.id AND c.resolved_at IS NULL) AS conflicts
       FROM batches b WHERE b.kind = 'keying'${survey}${s.sql} ORDER BY b.id DESC`,
    )
    .all(...(surveyId ? [surveyId] : []), ...s.params) as Array<{ id: number } & Omit<ProgressCounts, 'expected' | 'received'>>;
  const byId = new Map(
    db
      .select()
      .from(batches)
      .where(eq(batches.kind, 'keying'))
      .all()
      .map((b) => [b.id, b]),
  );
  return rows.map((r) => {
    const b = byId.get(r.id)!;
    return { ...b, ...r, expected: b.expected ?? 0, received: b.received ?? 0 };
  });
}

export function findEntries(db: Db, surveyId: string, serial: string): KeyingEntry[] {
  return db
    .select()
    .from(keyingEntries)
    .where(and(eq(keyingEntries.surveyId, surveyId), eq(keyingEntries.serial, serial)))
    .orderBy(asc(keyingEntries.pass))
    .all();
}

export type NewEntry = Omit<typeof keyingEntries.$inferInsert, 'id'>;

export function insertEntry(db: Db, entry: NewEntry): number {
  return db.insert(keyingEntries).values(entry).returning({ id: keyingEntries.id }).get().id;
}

export function insertDisagreements(
  db: Db,
  surveyId: string,
  serial: string,
  rows: readonly { variable: string; first: string | null; second: string | null }[],
): void {
  for (const r of rows) {
    db.insert(keyingDisagreements).values({ surveyId, serial, variable: r.variable, firstValue: r.first, secondValue: r.second }).run();
  }
}

export function findDisagreements(db: Db, surveyId: string, serial: string): Disagreement[] {
  return db
    .select()
    .from(keyingDisagreements)
    .where(and(eq(keyingDisagreements.surveyId, surveyId), eq(keyingDisagreements.serial, serial)))
    .orderBy(asc(keyingDisagreements.id))
    .all();
}

export function resolveDisagreement(db: Db, id: number, r: { resolvedValue: string | null; againstPass: number; by: number; at: number }): void {
  db.update(keyingDisagreements)
    .set({ resolvedValue: r.resolvedValue, againstPass: r.againstPass, resolvedBy: r.by, resolvedAt: r.at })
    .where(and(eq(keyingDisagreements.id, id), isNull(keyingDisagreements.resolvedAt)))
    .run();
}

export interface OpenDisagreementForm {
  surveyId: string;
  serial: string;
  open: number;
  batchId: number | null;
  batchName: string | null;
  province: string | null;
}

/** Paper forms with unresolved disagreements, in the supervisor's provinces. */
export function listOpenDisagreementForms(db: Db, scope: readonly string[] | null): OpenDisagreementForm[] {
  const s = scopeSql('e.province', scope);
  return db.$client
    .prepare(
      `SELECT d.survey_id AS surveyId, d.serial, count(*) AS open, e.batch_id AS batchId, b.name AS batchName, e.province
       FROM keying_disagreements d
       JOIN keying_entries e ON e.survey_id = d.survey_id AND e.serial = d.serial AND e.pass = 1
       LEFT JOIN batches b ON b.id = e.batch_id
       WHERE d.resolved_at IS NULL${s.sql}
       GROUP BY d.survey_id, d.serial ORDER BY min(d.id)`,
    )
    .all(...s.params) as OpenDisagreementForm[];
}

/**
 * Serials of a batch keyed once and waiting for their blind second entry: serial numbers only,
 * never values, so the second keyer reads the paper, not the first entry.
 */
export function listAwaitingSecondEntry(db: Db, batchId: number): { serial: string; firstBy: number }[] {
  return db.$client
    .prepare(
      `SELECT e.serial, e.enumerator_id AS firstBy FROM keying_entries e JOIN responses r ON r.id = e.response_id
       WHERE e.batch_id = ? AND e.pass = 1 AND r.status = 'submitted'
         AND NOT EXISTS (SELECT 1 FROM keying_entries o WHERE o.survey_id = e.survey_id AND o.serial = e.serial AND o.pass = 2)
       ORDER BY e.id`,
    )
    .all(batchId) as { serial: string; firstBy: number }[];
}

/** The access code printed on this paper form, if it was already used to answer online. */
export function findUsedAccessCode(db: Db, surveyId: string, serial: string): { id: number; responseId: number | null } | null {
  const row = db
    .select({ id: accessCodes.id, responseId: accessCodes.responseId, usedAt: accessCodes.usedAt })
    .from(accessCodes)
    .where(and(eq(accessCodes.surveyId, surveyId), eq(accessCodes.serial, serial)))
    .get();
  return row && row.usedAt !== null ? { id: row.id, responseId: row.responseId } : null;
}

/** Every keying entry with what the per-keyer statistics need, in the scope. */
export function entryFacts(db: Db, options: { scope?: readonly string[] | null; enumeratorId?: number } = {}): EntryFacts[] {
  const s = scopeSql('e.province', options.scope ?? null);
  const who = options.enumeratorId === undefined ? '' : ' AND e.enumerator_id = ?';
  const rows = db.$client
    .prepare(
      `SELECT e.enumerator_id AS enumeratorId, coalesce(u.display_name, u.username) AS enumeratorName, e.pass, e.fields_keyed AS fieldsKeyed,
         e.started_at AS startedAt, e.saved_at AS savedAt,
         EXISTS (SELECT 1 FROM keying_entries o WHERE o.survey_id = e.survey_id AND o.serial = e.serial AND o.pass <> e.pass) AS compared,
         (SELECT count(*) FROM keying_disagreements d WHERE d.survey_id = e.survey_id AND d.serial = e.serial) AS disagreements,
         (SELECT count(*) FROM keying_disagreements d WHERE d.survey_id = e.survey_id AND d.serial = e.serial AND d.against_pass IN (0, e.pass)) AS against
       FROM keying_entries e JOIN users u ON u.id = e.enumerator_id
       WHERE 1 = 1${who}${s.sql}`,
    )
    .all(...(options.enumeratorId === undefined ? [] : [options.enumeratorId]), ...s.params) as Array<Omit<EntryFacts, 'compared'> & { compared: number }>;
  return rows.map((r) => ({ ...r, compared: r.compared === 1 }));
}
