import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';

/**
 * SQL about imports still writing (the `import_runs` table): their rows are in `responses`,
 * `conflicts` and `quarantine` already, committed a chunk at a time, but belong to the data only
 * once the run's last transaction removes its entry. Readers of responses add `hiddenImportRows`.
 */

export interface ImportRun {
  batchId: number;
  /** The run's rows are those of its batch with a higher id. */
  responsesAfter: number;
  conflictsAfter: number;
  quarantineAfter: number;
  /** The batch was made by this run. */
  newBatch: boolean;
  pid: number;
  startedAt: number;
}

export function registerImportRun(db: Db, run: ImportRun): void {
  db.$client
    .prepare('INSERT INTO import_runs (batch_id, responses_after, conflicts_after, quarantine_after, new_batch, pid, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(run.batchId, run.responsesAfter, run.conflictsAfter, run.quarantineAfter, run.newBatch ? 1 : 0, run.pid, run.startedAt);
}

/** The run's rows become part of the data (or, after a purge, nothing is left of it); in the caller's transaction. */
export function endImportRun(db: Db, batchId: number): void {
  db.$client.prepare('DELETE FROM import_runs WHERE batch_id = ?').run(batchId);
}

const lists = perConnection((db) =>
  db.$client.prepare<[]>(
    'SELECT batch_id AS batchId, responses_after AS responsesAfter, conflicts_after AS conflictsAfter, quarantine_after AS quarantineAfter, new_batch AS newBatch, pid, started_at AS startedAt FROM import_runs',
  ),
);

export function listImportRuns(db: Db): ImportRun[] {
  return (lists(db).all() as (Omit<ImportRun, 'newBatch'> & { newBatch: number })[]).map((r) => ({ ...r, newBatch: r.newBatch === 1 }));
}

/**
 * ` AND NOT (…)` leaving out the rows of imports still writing, for a WHERE clause on
 * `responses` (`alias.` before the columns when given); empty when no import is writing, so the
 * usual query is unchanged. The ids are integers read from the table, written into the SQL.
 */
export function hiddenImportRows(db: Db, alias = ''): string {
  const runs = listImportRuns(db);
  if (runs.length === 0) return '';
  const a = alias ? `${alias}.` : '';
  return ` AND NOT (${runs.map((r) => `(${a}batch_id IS ${Math.trunc(r.batchId)} AND ${a}id > ${Math.trunc(r.responsesAfter)})`).join(' OR ')})`;
}

/** Deletes up to `limit` of an unfinished run's responses (short transactions: the caller's); the number deleted. */
export function deleteRunResponses(db: Db, run: Pick<ImportRun, 'batchId' | 'responsesAfter'>, limit: number): number {
  return db.$client
    .prepare('DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE batch_id = ? AND id > ? LIMIT ?)')
    .run(run.batchId, run.responsesAfter, limit).changes;
}

/** Deletes an unfinished run's quarantined rows and conflicts. */
export function deleteRunFindings(db: Db, run: Pick<ImportRun, 'batchId' | 'conflictsAfter' | 'quarantineAfter'>): void {
  db.$client.prepare('DELETE FROM quarantine WHERE batch_id = ? AND id > ?').run(run.batchId, run.quarantineAfter);
  db.$client.prepare('DELETE FROM conflicts WHERE incoming_batch_id = ? AND id > ?').run(run.batchId, run.conflictsAfter);
}

/** Removes a batch an interrupted run made, once nothing refers to it any more. */
export function deleteBatchOfRun(db: Db, batchId: number): void {
  db.$client.prepare("DELETE FROM batches WHERE id = ? AND kind = 'import'").run(batchId);
}

export function maxQuarantineId(db: Db): number {
  return (db.$client.prepare('SELECT max(id) FROM quarantine').pluck().get() as number | null) ?? 0;
}

/** Whether responses other than this run's appeared since `afterId` (an online answer while the import writes). */
export function othersSince(db: Db, surveyId: string, batchId: number, afterId: number): boolean {
  return (
    db.$client.prepare('SELECT 1 FROM responses WHERE id > ? AND survey_id = ? AND batch_id IS NOT ? LIMIT 1').pluck().get(afterId, surveyId, batchId) !==
    undefined
  );
}

/** A re-run replaces the batch's open quarantine entries (those before its own) with its own findings. */
export function supersedeQuarantineBefore(db: Db, batchId: number, upToId: number, at: number): void {
  db.$client.prepare('UPDATE quarantine SET resolved_at = ? WHERE batch_id = ? AND id <= ? AND resolved_at IS NULL').run(at, batchId, upToId);
}
