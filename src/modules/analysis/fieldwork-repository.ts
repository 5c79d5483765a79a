import type { Db } from '../../db/open-database.js';

/** Read-only counts for the fieldwork page; the batches, quarantine and conflicts belong to the import and keying modules. */
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
  /** Open conflicts raised by the batch. */
  conflicts: number;
}

export function batchCounts(db: Db, surveyId: string): BatchCounts[] {
  return db.$client
    .prepare(
      `SELECT b.id, b.name, b.kind, b.province, b.status, b.expected, b.received,
        (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status != 'deleted') AS stored,
        (SELECT count(DISTINCT k.serial) FROM keying_entries k WHERE k.batch_id = b.id) AS keyed,
        (SELECT count(*) FROM responses r WHERE r.batch_id = b.id AND r.status = 'verified') AS verified,
        (SELECT count(*) FROM quarantine q WHERE q.batch_id = b.id AND q.resolved_at IS NULL) AS quarantined,
        (SELECT count(*) FROM conflicts c WHERE c.incoming_batch_id = b.id AND c.resolved_at IS NULL) AS conflicts
       FROM batches b WHERE b.survey_id = ? AND b.kind != 'codes' ORDER BY b.province, b.name`,
    )
    .all(surveyId) as BatchCounts[];
}

/** Responses that came in without a batch (online answers), per province. */
export function onlineCounts(db: Db, surveyId: string): { province: string | null; stored: number; verified: number }[] {
  return db.$client
    .prepare(
      `SELECT province, count(*) AS stored, sum(status = 'verified') AS verified
       FROM responses WHERE survey_id = ? AND batch_id IS NULL AND status != 'deleted' GROUP BY province ORDER BY province`,
    )
    .all(surveyId) as { province: string | null; stored: number; verified: number }[];
}

/** Open conflicts with no batch (an online answer against a paper form), per province of the stored response. */
export function unbatchedConflicts(db: Db, surveyId: string): { province: string | null; conflicts: number }[] {
  return db.$client
    .prepare(
      `SELECT r.province AS province, count(*) AS conflicts FROM conflicts c LEFT JOIN responses r ON r.id = c.response_id
       WHERE c.survey_id = ? AND c.incoming_batch_id IS NULL AND c.resolved_at IS NULL GROUP BY r.province`,
    )
    .all(surveyId) as { province: string | null; conflicts: number }[];
}
