import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
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
  scope: string | null;
}

/**
 * Whether a user with this province scope (null = national) may see and reuse an import batch:
 * a national batch only by national users, a province batch by users who work on all its provinces.
 */
export function batchInScope(batch: Pick<BatchRow, 'scope'>, scope: readonly string[] | null): boolean {
  if (scope === null) return true;
  if (batch.scope === null) return false;
  return (JSON.parse(batch.scope) as string[]).every((p) => scope.includes(p));
}

const batchColumns = {
  id: batches.id,
  surveyId: batches.surveyId,
  name: batches.name,
  kind: batches.kind,
  status: batches.status,
  requiresVerification: batches.requiresVerification,
  fileName: batches.fileName,
  summary: batches.summary,
  received: batches.received,
  createdAt: batches.createdAt,
  createdBy: batches.createdBy,
  scope: batches.scope,
};

export function findBatchByName(db: Db, surveyId: string, name: string): BatchRow | null {
  return (
    db
      .select(batchColumns)
      .from(batches)
      .where(and(eq(batches.surveyId, surveyId), eq(batches.name, name)))
      .get() ?? null
  );
}

/** An import batch by id, or null when there is none or it is outside the scope (null = national). */
export function findImportBatchScoped(db: Db, id: number, scope: readonly string[] | null): BatchRow | null {
  const b = db
    .select(batchColumns)
    .from(batches)
    .where(and(eq(batches.id, id), eq(batches.kind, 'import')))
    .get();
  return b && batchInScope(b, scope) ? b : null;
}

export function createImportBatch(
  db: Db,
  b: {
    surveyId: string;
    name: string;
    fileName: string;
    requiresVerification: boolean;
    at: number;
    createdBy: number | null;
    scope: readonly string[] | null;
  },
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
      scope: b.scope === null ? null : JSON.stringify([...b.scope].sort()),
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

/** Import batches within the scope (null = national; see batchInScope), newest first, for the supervisors' page. */
export function listImportBatches(db: Db, scope: readonly string[] | null, limit = 50): BatchRow[] {
  const inScope =
    scope === null
      ? undefined
      : and(
          isNotNull(batches.scope),
          sql`NOT EXISTS (SELECT 1 FROM json_each(${batches.scope}) WHERE value NOT IN (${sql.join(
            scope.length ? scope.map((p) => sql`${p}`) : [sql`NULL`],
            sql`, `,
          )}))`,
        );
  return db
    .select(batchColumns)
    .from(batches)
    .where(and(eq(batches.kind, 'import'), inScope))
    .orderBy(desc(batches.id))
    .limit(limit)
    .all();
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

/** The first `limit` reasons a batch's rows were held back, in file order (the result page shows them; the report has all). */
export function firstQuarantineProblems(db: Db, batchId: number, limit: number): ImportProblem[] {
  const rows = db.$client.prepare('SELECT problems FROM quarantine WHERE batch_id = ? AND resolved_at IS NULL ORDER BY line LIMIT ?').all(batchId, limit) as {
    problems: string;
  }[];
  return rows.flatMap((r) => JSON.parse(r.problems) as ImportProblem[]).slice(0, limit);
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
