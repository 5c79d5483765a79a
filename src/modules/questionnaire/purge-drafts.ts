import type { Db } from '../../db/open-database.js';
import { deleteDraftsOlderThan } from './draft-repository.js';

/** How long a respondent's draft cookie lives; a draft untouched that long can no longer be reached. */
export const DRAFT_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Deletes drafts untouched for DRAFT_DAYS: their answers (possibly a name or a phone number)
 * are of no use to anyone once the cookie that reaches them has expired. Returns how many.
 */
export function purgeAbandonedDrafts(db: Db, now: number): number {
  return deleteDraftsOlderThan(db, now - DRAFT_DAYS * DAY_MS);
}

/**
 * The server purges once at start and then every `everyMs` (an hour by default); the timer does
 * not keep the process alive. Returns the function that stops it.
 */
export function schedulePurgeDrafts(db: Db, now: () => number, onPurged: (n: number) => void, everyMs = 3_600_000): () => void {
  const run = (): void => {
    const n = purgeAbandonedDrafts(db, now());
    if (n > 0) onPurged(n);
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
