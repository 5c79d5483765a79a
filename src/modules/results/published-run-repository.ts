import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { publishedRuns } from '../../db/schema.js';
import type { IndexResults } from './compute-index-run.js';
import type { MethodStamp } from './method-stamp.js';

export interface PublishedRun {
  id: number;
  surveyId: string;
  wave: string;
  stamp: MethodStamp;
  results: IndexResults;
  createdAt: number;
}

const fromRow = (r: typeof publishedRuns.$inferSelect): PublishedRun => ({
  id: r.id,
  surveyId: r.surveyId,
  wave: r.wave,
  stamp: JSON.parse(r.stamp) as MethodStamp,
  results: JSON.parse(r.results) as IndexResults,
  createdAt: r.createdAt,
});

/** Freezes a run. A wave is published once: the unique index refuses a second one. */
export function insertPublishedRun(
  db: Db,
  run: { surveyId: string; wave: string; stamp: MethodStamp; results: IndexResults; at: number; by: number | null },
): number {
  return db
    .insert(publishedRuns)
    .values({
      surveyId: run.surveyId,
      wave: run.wave,
      stamp: JSON.stringify(run.stamp),
      results: JSON.stringify(run.results),
      createdAt: run.at,
      createdBy: run.by,
    })
    .returning({ id: publishedRuns.id })
    .get().id;
}

export function findPublishedRun(db: Db, surveyId: string, wave: string): PublishedRun | null {
  const row = db
    .select()
    .from(publishedRuns)
    .where(and(eq(publishedRuns.surveyId, surveyId), eq(publishedRuns.wave, wave)))
    .get();
  return row ? fromRow(row) : null;
}

/** Published waves of every survey, newest first (a survey's waves may span definitions). */
export function listPublishedRuns(db: Db): PublishedRun[] {
  return db.select().from(publishedRuns).orderBy(desc(publishedRuns.wave), desc(publishedRuns.id)).all().map(fromRow);
}
