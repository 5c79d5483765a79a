import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
import type { DraftAnswers } from './page-answers.js';

/**
 * The only SQL about drafts. `id` is the SHA-256 of the cookie token, never the token.
 * Every page view and save touches this table, so the statements are prepared once per
 * connection rather than built by the query builder on each request.
 */

export interface Draft {
  id: string;
  surveyId: string;
  surveyVersion: string;
  answers: DraftAnswers;
  accessCodeId: number | null;
  /** When the respondent opened the form: stored with the response for the speeder check. */
  createdAt: number;
  updatedAt: number;
}

const statements = perConnection(({ $client: c }) => ({
  insert: c.prepare("INSERT INTO drafts (id, survey_id, survey_version, answers, access_code_id, created_at, updated_at) VALUES (?, ?, ?, '{}', ?, ?, ?)"),
  find: c.prepare('SELECT id, survey_id, survey_version, answers, access_code_id, updated_at, created_at FROM drafts WHERE id = ? AND survey_id = ?').raw(),
  save: c.prepare('UPDATE drafts SET answers = ?, updated_at = ? WHERE id = ?'),
  remove: c.prepare('DELETE FROM drafts WHERE id = ?'),
  removeOld: c.prepare('DELETE FROM drafts WHERE updated_at < ?'),
}));

export function createDraft(db: Db, draft: { id: string; surveyId: string; surveyVersion: string; accessCodeId: number | null; at: number }): void {
  statements(db).insert.run(draft.id, draft.surveyId, draft.surveyVersion, draft.accessCodeId, draft.at, draft.at);
}

export function findDraft(db: Db, id: string, surveyId: string): Draft | null {
  const row = statements(db).find.get(id, surveyId) as [string, string, string, string, number | null, number, number] | undefined;
  if (!row) return null;
  return {
    id: row[0],
    surveyId: row[1],
    surveyVersion: row[2],
    answers: JSON.parse(row[3]) as DraftAnswers,
    accessCodeId: row[4],
    createdAt: row[6],
    updatedAt: row[5],
  };
}

export function saveDraftAnswers(db: Db, id: string, answers: DraftAnswers, at: number): void {
  statements(db).save.run(JSON.stringify(answers), at, id);
}

/** Removes a draft; false when it was already gone. */
export function deleteDraft(db: Db, id: string): boolean {
  return statements(db).remove.run(id).changes === 1;
}

/** Drafts untouched since `before` are abandoned: removes them and says how many. */
export function deleteDraftsOlderThan(db: Db, before: number): number {
  return statements(db).removeOld.run(before).changes;
}
