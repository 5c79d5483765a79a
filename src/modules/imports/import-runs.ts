import type { Db } from '../../db/open-database.js';
import type { WriteTurn } from '../../db/write-turn.js';
import { deleteBatchOfRun, deleteRunFindings, deleteRunResponses, endImportRun, listImportRuns, type ImportRun } from '../responses/import-run-repository.js';

/** Rows deleted per transaction when a run is undone: short, so other writers get in between. */
const PURGE_ROWS = 5_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Waits without spinning (a worker thread or the CLI: nothing else runs on this thread meanwhile). */
export function pauseBlocking(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/**
 * Undoes an import that did not finish (cancelled, refused midway, or its process killed): its
 * responses, a few thousand per transaction, then in one last transaction its quarantined rows,
 * its conflicts, the batch if the run made it, and the run's entry. Until that last commit the
 * rows stay out of every reader's sight, so nobody ever sees half a batch.
 */
export function purgeImportRun(db: Db, run: ImportRun, turn?: WriteTurn): void {
  purgeResponses(db, run, turn);
  inTurn(db, turn, () => {
    deleteRunFindings(db, run);
    endImportRun(db, run.batchId);
    if (run.newBatch) deleteBatchOfRun(db, run.batchId);
  });
}

/** The run's responses, a few thousand per transaction; the run stays registered (its rows out of sight). */
export function purgeResponses(db: Db, run: ImportRun, turn?: WriteTurn): void {
  while (inTurn(db, turn, () => deleteRunResponses(db, run, PURGE_ROWS)) === PURGE_ROWS) pauseBlocking(2);
}

function inTurn<T>(db: Db, turn: WriteTurn | undefined, work: () => T): T {
  turn?.takeBlocking();
  try {
    return db.$client.transaction(work).immediate();
  } finally {
    turn?.release();
  }
}

/** Whether a process with this id is running on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Undoes the imports whose process is gone (`kill -9`, a power cut). `atStart`: the server is
 * starting, so a run under its own process id is an earlier process's (nothing of this one
 * runs yet). Returns the batches undone.
 */
export function undoInterruptedImports(db: Db, options: { atStart: boolean }): number[] {
  const undone: number[] = [];
  for (const run of listImportRuns(db)) {
    const own = run.pid === process.pid;
    if (own ? !options.atStart : alive(run.pid)) continue;
    purgeImportRun(db, run);
    undone.push(run.batchId);
  }
  return undone;
}
