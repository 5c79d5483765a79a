import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { responsesVersion } from '../responses/response-repository.js';
import { issuedCodesVersion } from '../access-codes/access-code-repository.js';
import { runIndex, type IndexRequest, type IndexRun } from '../results/run-index.js';

/** Computes one live index run (in the index thread, or here). */
export type ComputeIndex = (survey: Survey, request: IndexRequest, at: number) => Promise<IndexRun>;

/** In the server's own thread: a database in memory (tests), or when the index thread has failed. */
export const computeHere =
  (db: Db): ComputeIndex =>
  (survey, request, at) =>
    new Promise((resolve) => resolve(runIndex(db, survey, request, at)));

/**
 * The analysts' live runs, kept by survey, request (grouping, weighting, provinces) and the
 * responses' data version: a repeated view is answered from memory, and any write to responses
 * (an online form, an import, a verification) makes the next view compute again. Requests for
 * the same run while it computes share it. The oldest of `entries` runs is dropped first.
 *
 * A weighting file changed on disk under the same name is not noticed until a response changes
 * or the server restarts: the files are part of a survey's published method, replaced rarely.
 */
export class LiveIndex {
  /** Runs computed, not taken from memory (tests and the benchmark read it). */
  computed = 0;
  private readonly runs = new Map<string, Promise<IndexRun>>();

  constructor(
    private readonly db: Db,
    private readonly compute: ComputeIndex,
    private readonly entries: number,
  ) {}

  run(survey: Survey, request: IndexRequest, at: number): Promise<IndexRun> {
    // The stamp counts the sample too, so issuing codes makes a kept run stale as a new response does.
    const key = JSON.stringify([
      survey.id,
      survey.version,
      responsesVersion(this.db),
      issuedCodesVersion(this.db),
      Object.entries(request).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
    const kept = this.runs.get(key);
    if (kept) {
      // Most recently used last: the first entry is the one to drop.
      this.runs.delete(key);
      this.runs.set(key, kept);
      return kept;
    }
    this.computed++;
    const running = this.compute(survey, request, at);
    if (this.entries === 0) return running;
    // A failed run is not kept: the next view tries again.
    running.catch(() => this.runs.get(key) === running && this.runs.delete(key));
    this.runs.set(key, running);
    while (this.runs.size > this.entries) this.runs.delete(this.runs.keys().next().value!);
    return running;
  }
}
