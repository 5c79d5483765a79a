import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { drafts } from '../../db/schema.js';
import type { DraftAnswers } from './page-answers.js';

/** The only SQL about drafts. `id` is the SHA-256 of the cookie token, never the token. */

export interface Draft {
  id: string;
  surveyId: string;
  surveyVersion: string;
  answers: DraftAnswers;
  accessCodeId: number | null;
  updatedAt: number;
}

export function createDraft(db: Db, draft: { id: string; surveyId: string; surveyVersion: string; accessCodeId: number | null; at: number }): void {
  db.insert(drafts)
    .values({ id: draft.id, surveyId: draft.surveyId, surveyVersion: draft.surveyVersion, accessCodeId: draft.accessCodeId, answers: '{}', createdAt: draft.at, updatedAt: draft.at })
    .run();
}

export function findDraft(db: Db, id: string, surveyId: string): Draft | null {
  const row = db.select().from(drafts).where(and(eq(drafts.id, id), eq(drafts.surveyId, surveyId))).get();
  if (!row) return null;
  return { id: row.id, surveyId: row.surveyId, surveyVersion: row.surveyVersion, answers: JSON.parse(row.answers) as DraftAnswers, accessCodeId: row.accessCodeId, updatedAt: row.updatedAt };
}

export function saveDraftAnswers(db: Db, id: string, answers: DraftAnswers, at: number): void {
  db.update(drafts).set({ answers: JSON.stringify(answers), updatedAt: at }).where(eq(drafts.id, id)).run();
}

export function deleteDraft(db: Db, id: string): void {
  db.delete(drafts).where(eq(drafts.id, id)).run();
}

/** Drafts untouched since `before` are abandoned: removes them and says how many. */
export function deleteDraftsOlderThan(db: Db, before: number): number {
  return db.delete(drafts).where(lt(drafts.updatedAt, before)).run().changes;
}
