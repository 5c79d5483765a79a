import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's default: the connection that commits past this many WAL pages copies them back. */
const AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  /** Ends the thread and gives checkpoints back to the connection. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the server's thread. SQLite copies the WAL back into the database in
 * whichever commit crosses 1,000 pages: that commit copies them and syncs the file while the
 * event loop serves no one, and every request in flight waits for it (the online form's slowest
 * answers under load; docs/decisions/0007). A thread with its own connection runs
 * passive checkpoints instead, which never block the server's reads or writes.
 *
 * If the thread fails, the connection checkpoints for itself again, so the WAL never grows unbounded.
 */
export function startCheckpointer(
  client: Database.Database,
  options: { intervalMs?: number; onCheckpoint?: (frames: { log: number; checkpointed: number }) => void } = {},
): Checkpointer {
  if (client.memory) return { stop: async () => {} };
  client.pragma('wal_autocheckpoint = 0');
  const restore = (): void => {
    if (client.open) client.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { path: client.name, intervalMs: options.intervalMs ?? 50, report: Boolean(options.onCheckpoint) },
  });
  worker.unref();
  if (options.onCheckpoint) worker.on('message', options.onCheckpoint);
  worker.on('error', restore);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => (restore(), resolve())));
  return {
    stop: async () => {
      worker.ref(); // unref'd so it never keeps a process alive, but waited for here
      worker.postMessage('stop');
      await exited;
    },
  };
}
