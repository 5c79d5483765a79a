import { getPriority, setPriority } from 'node:os';

/**
 * How much nicer than the thread that starts it a thread doing work nobody is waiting on this
 * instant runs (checking an import's rows, computing an analyst's live ranking): on two cores it
 * would otherwise take its full share from the threads answering respondents. Ten steps nicer,
 * the kernel gives it about a tenth of their weight, and all the idle time.
 */
const BACKGROUND_STEPS = 10;
/** The nicest value Linux has. */
const NICEST = 19;

/**
 * Lowers the scheduling priority of the calling thread only: on Linux a nice value belongs to a
 * thread, and threads it starts inherit it. Elsewhere (or where the system refuses) nothing
 * changes: a slower respondent is better than a thread that fails to start.
 */
export function runInBackground(): void {
  try {
    setPriority(backgroundNice(getPriority()));
  } catch {
    // Not permitted here: the thread keeps its priority.
  }
}

/** The nice value a background thread takes, from its starter's. */
export function backgroundNice(starter: number): number {
  return Math.min(NICEST, starter + BACKGROUND_STEPS);
}
