import type { Db } from '../../db/open-database.js';
import { hiddenImportRows } from '../responses/import-run-repository.js';
import type { BatchSampleCounts } from './response-rates.js';

/**
 * The only SQL of the sample accounting: each issued serial (access_codes) against the response
 * stored with that serial, if any. Read-only; the codes belong to access-codes/, the responses to
 * responses/. A serial has at most one response (unique index), deleted ones do not count.
 */
export function batchSampleCounts(db: Db, surveyId: string, provinces: readonly string[] | null = null): BatchSampleCounts[] {
  const scoped = provinces === null ? '' : ` AND b.province IN (${provinces.map(() => '?').join(',') || 'NULL'})`;
  return db.$client
    .prepare(
      `SELECT b.id AS batchId, b.name AS batch, b.province AS province, count(*) AS issued,
        coalesce(sum(r.channel IN ('import', 'keyed')), 0) AS returnedByPost,
        coalesce(sum(r.channel = 'online'), 0) AS answeredOnline,
        coalesce(sum(r.status = 'verified'), 0) AS complete,
        coalesce(sum(r.status = 'incomplete'), 0) AS partial,
        coalesce(sum(r.status = 'submitted'), 0) AS pending,
        coalesce(sum(r.id IS NULL), 0) AS notReturned
       FROM access_codes ac JOIN batches b ON b.id = ac.batch_id
       LEFT JOIN responses r ON r.survey_id = ac.survey_id AND r.serial = ac.serial AND r.status != 'deleted'${hiddenImportRows(db, 'r')}
       WHERE ac.survey_id = ?${scoped}
       GROUP BY b.id ORDER BY b.province, b.name`,
    )
    .all(surveyId, ...(provinces ?? [])) as BatchSampleCounts[];
}

/** Answers through an open link (outside the sample), per province they name; not deleted. */
export function openAnswerCounts(db: Db, surveyId: string, provinces: readonly string[] | null = null): { province: string | null; answers: number }[] {
  const scoped = provinces === null ? '' : ` AND province IN (${provinces.map(() => '?').join(',') || 'NULL'})`;
  return db.$client
    .prepare(
      `SELECT province, count(*) AS answers FROM responses
       WHERE survey_id = ? AND channel = 'online-open' AND status != 'deleted'${scoped}${hiddenImportRows(db)} GROUP BY province ORDER BY province`,
    )
    .all(surveyId, ...(provinces ?? [])) as { province: string | null; answers: number }[];
}

/** Verified open-link answers of one survey version in the scope: what `--include-open` adds to an index run. */
export function countVerifiedOpenAnswers(db: Db, survey: { id: string; version: string }, provinces: readonly string[] | null): number {
  const scoped = provinces === null ? '' : ` AND province IN (${provinces.map(() => '?').join(',') || 'NULL'})`;
  // Unscoped, unary + keeps SQLite off the (survey, status, province) index: through it, every
  // verified row is a random read of the table, many times slower than reading the table in order.
  const off = provinces === null ? '+' : '';
  return db.$client
    .prepare(
      `SELECT count(*) FROM responses WHERE ${off}survey_id = ? AND survey_version = ? AND channel = 'online-open' AND ${off}status = 'verified'${scoped}${hiddenImportRows(db)}`,
    )
    .pluck()
    .get(survey.id, survey.version, ...(provinces ?? [])) as number;
}
