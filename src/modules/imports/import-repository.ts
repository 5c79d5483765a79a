import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { accessCodes, batches, quarantine } from '../../db/schema.js';
import type { ImportProblem } from './check-import-row.js';

/** SQL for import batches and quarantined rows. Responses live in response-repository, conflicts in conflicts/conflict-repository. */

export interface BatchRow {
  id: number;
  surveyId: string;
  name: string;
  kind: 'import' | 'keying' | 'codes';
  status: 'open' | 'committed' | 'failed' | 'closed' | 'cancelled';
  requiresVerification: boolean;
  fileName: string | null;
  summary: string | null;
  received: number | null;
  createdAt: number;
  createdBy: number | null;
}

export function findBatchByName(db: Db, surveyId: string, name: string): BatchRow | null {
  return (
    db
      .select()
      .from(batches)
      .where(and(eq(batches.surveyId, surveyId), eq(batches.name, name)))
      .get() ?? null
  );
}

export function findBatch(db: Db, id: number): BatchRow | null {
  return db.select().from(batches).where(eq(batches.id, id)).get() ?? null;
}

export function createImportBatch(
  db: Db,
  b: { surveyId: string; name: string; fileName: string; requiresVerification: boolean; at: number; createdBy: number | null },
): number {
  return db
    .insert(batches)
    .values({
      surveyId: b.surveyId,
      name: b.name,
      kind: 'import',
      fileName: b.fileName,
      requiresVerification: b.requiresVerification,
      status: 'open',
      createdAt: b.at,
      createdBy: b.createdBy,
    })
    .returning({ id: batches.id })
    .get().id;
}

export function finishBatch(db: Db, id: number, status: 'committed' | 'failed' | 'cancelled', summary: unknown, received: number, fileName: string): void {
  db.update(batches)
    .set({ status, summary: JSON.stringify(summary), received, fileName })
    .where(eq(batches.id, id))
    .run();
}

/** Import batches, newest first, for the supervisors' page. */
export function listImportBatches(db: Db, limit = 50): BatchRow[] {
  return db.select().from(batches).where(eq(batches.kind, 'import')).orderBy(desc(batches.id)).limit(limit).all();
}

/** A re-run replaces the batch's open quarantine entries with its own findings. */
export function supersedeQuarantine(db: Db, batchId: number, at: number): void {
  db.update(quarantine)
    .set({ resolvedAt: at })
    .where(and(eq(quarantine.batchId, batchId), isNull(quarantine.resolvedAt)))
    .run();
}

/** A prepared insert for quarantined rows; the caller owns the transaction. */
export function prepareQuarantineInsert(
  db: Db,
): (e: { surveyId: string; batchId: number; line: number; serial: string; raw: Record<string, string>; problems: ImportProblem[]; at: number }) => void {
  const stmt = db.$client.prepare('INSERT INTO quarantine (survey_id, batch_id, line, serial, raw, problems, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return (e) => {
    stmt.run(e.surveyId, e.batchId, e.line, e.serial === '' ? null : e.serial, JSON.stringify(e.raw), JSON.stringify(e.problems), e.at);
  };
}

/** Open quarantine entries of a batch in file order, for the error report download. */
export function* iterateQuarantine(db: Db, batchId: number): Generator<{ line: number; serial: string | null; problems: ImportProblem[] }> {
  const stmt = db.$client.prepare('SELECT line, serial, problems FROM quarantine WHERE batch_id = ? AND resolved_at IS NULL ORDER BY line');
  for (const row of stmt.iterate(batchId) as Iterable<{ line: number; serial: string | null; problems: string }>) {
    yield { line: row.line, serial: row.serial, problems: JSON.parse(row.problems) as ImportProblem[] };
  }
}

/** Whether any access code of the survey has been used online (if not, no lookups are needed). */
export function anyUsedAccessCode(db: Db, surveyId: string): boolean {
  return (
    db
      .select({ id: accessCodes.id })
      .from(accessCodes)
      .where(and(eq(accessCodes.surveyId, surveyId), isNotNull(accessCodes.usedAt)))
      .limit(1)
      .get() !== undefined
  );
}

/** Serials among these whose printed access code was already used to answer online. */
export function usedAccessCodeSerials(db: Db, surveyId: string, serials: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (let i = 0; i < serials.length; i += 500) {
    const rows = db
      .select({ serial: accessCodes.serial })
      .from(accessCodes)
      .where(and(eq(accessCodes.surveyId, surveyId), inArray(accessCodes.serial, serials.slice(i, i + 500)), isNotNull(accessCodes.usedAt)))
      .all();
    for (const r of rows) used.add(r.serial);
  }
  return used;
}
