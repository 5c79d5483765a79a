import type { Config } from '../../config.js';
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

/** How long a live run is shown again after responses changed, and how many runs are kept. */
export interface LiveIndexOptions {
  /** Runs kept in memory; the least recently used is dropped first. 0 keeps none. */
  entries: number;
  /** A run younger than this is shown again even though responses changed since; 0: never. */
  maxAgeMs: number;
  now: () => number;
}

/** The options `sipas serve` takes from its configuration. */
export function liveIndexOptions(config: Pick<Config, 'indexCacheEntries' | 'liveIndexMaxAgeSeconds'>, now: () => number): LiveIndexOptions {
  return { entries: config.indexCacheEntries, maxAgeMs: config.liveIndexMaxAgeSeconds * 1000, now };
}

interface Kept {
  run: Promise<IndexRun>;
  /** The responses' data version and the issued codes' when it was asked for. */
  data: string;
  at: number;
  /** How long it took to compute (ms), once done. */
  took: number;
}

/**
 * After responses changed, a run is shown again for at least this many times as long as it took
 * to compute: the index thread then spends at most a tenth of its time keeping one view fresh,
 * whatever the number of responses (a run over a million takes seconds).
 */
const COST_FACTOR = 10;

/**
 * The analysts' live runs, kept by survey and request (grouping, weighting, provinces). A kept
 * run is shown again while the responses and the issued codes are as they were (the stamp counts
 * the sample too); after a change, it is still shown for `maxAgeMs` after it was asked for, or
 * ten times as long as it took to compute if that is longer, so that analysts refreshing while
 * respondents send forms do not keep the index thread computing without end (each page says
 * when its run was computed). Requests for the same run while it computes share it.
 *
 * A weighting file changed on disk under the same name is not noticed until a response changes
 * or the server restarts: the files are part of a survey's published method, replaced rarely.
 */
export class LiveIndex {
  /** Runs computed, not taken from memory (tests and the benchmark read it). */
  computed = 0;
  private readonly runs = new Map<string, Kept>();

  constructor(
    private readonly db: Db,
    private readonly compute: ComputeIndex,
    private readonly options: LiveIndexOptions,
  ) {}

  run(survey: Survey, request: IndexRequest, at: number): Promise<IndexRun> {
    const key = JSON.stringify([survey.id, survey.version, Object.entries(request).sort(([a], [b]) => (a < b ? -1 : 1))]);
    const data = `${responsesVersion(this.db)}:${issuedCodesVersion(this.db)}`;
    const now = this.options.now();
    const kept = this.runs.get(key);
    if (kept && (kept.data === data || now - kept.at < this.reuseMs(kept))) {
      // Most recently used last: the first entry is the one to drop.
      this.runs.delete(key);
      this.runs.set(key, kept);
      return kept.run;
    }
    this.computed++;
    const running = this.compute(survey, request, at);
    if (this.options.entries === 0) return running;
    const entry: Kept = { run: running, data, at: now, took: 0 };
    running.then(
      () => (entry.took = this.options.now() - now),
      // A failed run is not kept: the next view tries again.
      () => this.runs.get(key) === entry && this.runs.delete(key),
    );
    this.runs.delete(key);
    this.runs.set(key, entry);
    while (this.runs.size > this.options.entries) this.runs.delete(this.runs.keys().next().value!);
    return running;
  }

  /** How long after it was asked for a run is shown again though responses changed; 0: never. */
  private reuseMs(kept: Kept): number {
    return this.options.maxAgeMs === 0 ? 0 : Math.max(this.options.maxAgeMs, COST_FACTOR * kept.took);
  }
}
