// A web import's thread (started by import-jobs.ts): the whole import, reading, checking and
// writing, with its own connection, so the server's thread only relays progress. It starts the
// import's reader threads itself for a big file.
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../../db/open-database.js';
import { compileSurvey } from '../definitions/compile-survey.js';
import { placeListFromWire } from '../definitions/place-list.js';
import type { ImportJobData, JobMessage } from './import-job-protocol.js';
import { WriteTurn } from '../../db/write-turn.js';
import { ImportCancelledError, ImportRefusedError, runImport, summaryLine } from './run-import.js';

const data = workerData as ImportJobData;
const port = parentPort!;
const cancel = new AbortController();
port.on('message', (message: 'cancel') => {
  if (message === 'cancel') cancel.abort();
});
const send = (message: JobMessage): void => port.postMessage(message);

const survey = compileSurvey(data.definition, placeListFromWire(data.places));
// No checkpoints here: the server's checkpointer thread copies the WAL back, not this commit.
const db = openDatabase(data.dbPath, { checkpoints: false });
let lastSent = 0;
try {
  const summary = await runImport({
    db,
    survey,
    file: data.file,
    fileName: data.fileName,
    batchName: data.batchName,
    dryRun: data.dryRun,
    partial: data.partial,
    provinceScope: data.provinceScope,
    requiresVerification: false,
    actor: data.actor,
    now: Date.now,
    limits: data.limits,
    signal: cancel.signal,
    writeTurn: new WriteTurn(data.writeTurn),
    onProgress: ({ bytes, total, rows }) => {
      const now = Date.now();
      if (now - lastSent < 200) return;
      lastSent = now;
      send({ type: 'progress', bytes, total, rows });
    },
  });
  send({ type: 'done', summary, line: summaryLine(summary) });
} catch (err) {
  if (err instanceof ImportCancelledError) send({ type: 'cancelled', rows: err.rows });
  else if (err instanceof ImportRefusedError) send({ type: 'refused', message: err.message });
  else send({ type: 'failed', message: (err as Error).message, stack: (err as Error).stack });
} finally {
  closeDatabase(db);
  port.close();
}
