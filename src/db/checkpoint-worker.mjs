// The checkpointer thread (see checkpointer.ts): its own connection to the file, copying the WAL
// back into the database every few milliseconds, so no request of the server's thread waits for it.
// Plain JavaScript: it needs no TypeScript loader, so it starts in milliseconds.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
  if (workerData.report && log > 0) parentPort.postMessage({ log, checkpointed });
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
