import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { perConnection } from '../../db/per-connection.js';
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

// Every analysis page lists its survey's waves: prepared once per connection.
const wavesOf = perConnection((db) =>
  db
    .select()
    .from(publishedRuns)
    .where(eq(publishedRuns.surveyId, sql.placeholder('surveyId')))
    .orderBy(asc(publishedRuns.wave), asc(publishedRuns.id))
    .prepare(),
);

/** One survey's published waves, oldest first (they may span its definitions). */
export function listSurveyWaves(db: Db, surveyId: string): PublishedRun[] {
  return wavesOf(db).all({ surveyId }).map(fromRow);
}
