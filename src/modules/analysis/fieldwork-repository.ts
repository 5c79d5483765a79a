import type { Db } from '../../db/open-database.js';
import { hiddenImportRows } from '../responses/import-run-repository.js';

/**
 * Read-only counts for the fieldwork page; batches, responses, keying entries and quarantine
 * belong to the import, keying and responses modules (conflicts are counted by the conflicts
 * module itself). Every count is split by the province of what is counted — the response's own,
 * the keyed form's, the quarantined row's — because a postal batch often names no province.
 */
export interface BatchCounts {
  id: number;
  name: string;
  kind: 'import' | 'keying' | 'codes';
  province: string | null;
  status: string;
  expected: number | null;
  received: number | null;
  /** Responses stored from the batch (not deleted). */
  stored: number;
  /** Paper forms keyed at least once (distinct serials). */
  keyed: number;
  verified: number;
  /** Quarantined rows not yet resolved. */
  quarantined: number;
}

export function batchCounts(db: Db, surveyId: string): BatchCounts[] {
  const hidden = hiddenImportRows(db, 'r');
  return db.$client
    .prepare(
      `SELECT b.id, b.name, b.kind, b.province, b.status, b.expected, b.received,
        (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status != 'deleted'${hidden}) AS stored,
        (SELECT count(DISTINCT k.serial) FROM keying_entries k WHERE k.batch_id = b.id) AS keyed,
        (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status = 'verified'${hidden}) AS verified,
        (SELECT count(*) FROM quarantine q WHERE q.batch_id = b.id AND q.resolved_at IS NULL) AS quarantined
       FROM batches b WHERE b.survey_id = ? AND b.kind != 'codes' ORDER BY b.province, b.name`,
    )
    .all(surveyId) as BatchCounts[];
}

/** Stored responses per batch (null: none, e.g. online), their own province and channel. */
export interface ResponseCounts {
  batchId: number | null;
  province: string | null;
  channel: 'online' | 'keyed' | 'import';
  stored: number;
  verified: number;
}

export function responseCounts(db: Db, surveyId: string): ResponseCounts[] {
  return db.$client
    .prepare(
      `SELECT batch_id AS batchId, province, channel, count(*) AS stored, sum(status = 'verified') AS verified
       FROM responses WHERE survey_id = ? AND status != 'deleted'${hiddenImportRows(db)} GROUP BY batch_id, province, channel`,
    )
    .all(surveyId) as ResponseCounts[];
}

/** Paper forms keyed at least once, per batch and the province keyed on the form. */
export function keyedCounts(db: Db, surveyId: string): { batchId: number | null; province: string | null; keyed: number }[] {
  return db.$client
    .prepare(`SELECT batch_id AS batchId, province, count(DISTINCT serial) AS keyed FROM keying_entries WHERE survey_id = ? GROUP BY batch_id, province`)
    .all(surveyId) as { batchId: number | null; province: string | null; keyed: number }[];
}

/**
 * Unresolved quarantined rows per batch and the province cell of the row as read (the column
 * named like the province variable; null when the file had none). The page checks the value
 * against the province list and falls back on the batch's province.
 */
export function quarantineCounts(db: Db, surveyId: string, provinceColumn: string): { batchId: number; province: string | null; quarantined: number }[] {
  return db.$client
    .prepare(
      `SELECT batch_id AS batchId, json_extract(raw, ?) AS province, count(*) AS quarantined
       FROM quarantine WHERE survey_id = ? AND resolved_at IS NULL GROUP BY 1, 2`,
    )
    .all(`$."${provinceColumn.replace(/"/g, '')}"`, surveyId) as { batchId: number; province: string | null; quarantined: number }[];
}
