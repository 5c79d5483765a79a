import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.js';
import { scanReviews } from '../../db/schema.js';
import type { ReviewReason } from './decide-marks.js';

/** The only SQL about the scan review queue. */

export interface ReviewEntry {
  variable: string;
  reason: ReviewReason | 'missing_page';
  page: number;
  /** The boxes' surroundings as a PNG, base64; empty for a missing page. */
  crop: string;
}

export interface NewScanReview {
  surveyId: string;
  surveyVersion: string;
  batchId: number;
  serial: string;
  answers: Record<string, number | string>;
  items: ReviewEntry[];
  createdBy: number;
  at: number;
  /** Set at once for a form read without a person (its row only records that the serial was scanned). */
  resolvedAt?: number | null;
}

export function insertScanReview(db: Db, r: NewScanReview): number {
  return db
    .insert(scanReviews)
    .values({
      surveyId: r.surveyId,
      surveyVersion: r.surveyVersion,
      batchId: r.batchId,
      serial: r.serial,
      answers: JSON.stringify(r.answers),
      items: JSON.stringify(r.items),
      createdAt: r.at,
      createdBy: r.createdBy,
      resolvedAt: r.resolvedAt ?? null,
    })
    .returning({ id: scanReviews.id })
    .get().id;
}

export interface OpenScanReview {
  id: number;
  serial: string;
  surveyVersion: string;
  answers: Record<string, number | string>;
  items: ReviewEntry[];
}

/** A batch's scanned forms still waiting for a person, oldest first. */
export function listOpenScanReviews(db: Db, batchId: number): OpenScanReview[] {
  return db
    .select()
    .from(scanReviews)
    .where(and(eq(scanReviews.batchId, batchId), isNull(scanReviews.resolvedAt)))
    .orderBy(asc(scanReviews.id))
    .all()
    .map((r) => ({
      id: r.id,
      serial: r.serial,
      surveyVersion: r.surveyVersion,
      answers: JSON.parse(r.answers) as Record<string, number | string>,
      items: JSON.parse(r.items) as ReviewEntry[],
    }));
}

/** The scan record of a serial (every scanned form has one, read by the machine or waiting for a person), or null. */
export function findScanRecord(db: Db, surveyId: string, serial: string): { id: number; resolvedAt: number | null } | null {
  return (
    db
      .select({ id: scanReviews.id, resolvedAt: scanReviews.resolvedAt })
      .from(scanReviews)
      .where(and(eq(scanReviews.surveyId, surveyId), eq(scanReviews.serial, serial)))
      .get() ?? null
  );
}

export interface StoredScanReview extends OpenScanReview {
  surveyId: string;
  batchId: number;
  resolvedAt: number | null;
}

/** One scan record by its number, crops included. */
export function findScanReview(db: Db, id: number): StoredScanReview | null {
  const r = db.select().from(scanReviews).where(eq(scanReviews.id, id)).get();
  if (!r) return null;
  return {
    id: r.id,
    surveyId: r.surveyId,
    surveyVersion: r.surveyVersion,
    batchId: r.batchId,
    serial: r.serial,
    resolvedAt: r.resolvedAt,
    answers: JSON.parse(r.answers) as Record<string, number | string>,
    items: JSON.parse(r.items) as ReviewEntry[],
  };
}

/** A batch's queue without the crops: the serial and how many boxes wait for a person. */
export function listScanReviewQueue(db: Db, batchId: number): { id: number; serial: string; boxes: number }[] {
  return db
    .select({ id: scanReviews.id, serial: scanReviews.serial, boxes: sql<number>`json_array_length(${scanReviews.items})` })
    .from(scanReviews)
    .where(and(eq(scanReviews.batchId, batchId), isNull(scanReviews.resolvedAt)))
    .orderBy(asc(scanReviews.id))
    .all();
}

/** Marks a review done; false when someone else saved it first. */
export function resolveScanReview(db: Db, id: number, at: number): boolean {
  return db.$client.prepare('UPDATE scan_reviews SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id).changes === 1;
}
