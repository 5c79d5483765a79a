// A web scan's thread (started by scan-jobs.ts): decoding, registering and reading every page and
// saving the forms, with its own connection, so the server's thread only relays progress.
import { parentPort, workerData } from 'node:worker_threads';
import { closeDatabase, openDatabase } from '../../db/open-database.js';
import { compileSurvey } from '../definitions/compile-survey.js';
import { makePlaceList } from '../definitions/place-list.js';
import { findKeyingBatch } from '../keying/keying-repository.js';
import type { FormTemplate } from '../printing/form-layout.js';
import { formTemplate } from '../printing/render-forms-pdf.js';
import { ScanFileError } from './load-scans.js';
import type { ScanJobData, ScanJobMessage } from './scan-job-protocol.js';
import { ScanCancelled, scanFiles } from './scan-forms.js';

const data = workerData as ScanJobData;
const port = parentPort!;
const cancel = new AbortController();
port.on('message', (message: 'cancel') => {
  if (message === 'cancel') cancel.abort();
});
const send = (message: ScanJobMessage): void => port.postMessage(message);

const survey = compileSurvey(data.definition, makePlaceList(data.places.id, data.places.places));
// No checkpoints here: the server's checkpointer thread copies the WAL back.
const db = openDatabase(data.dbPath, { checkpoints: false });
const templates = new Map<string, FormTemplate>();
const byPath = new Map(data.files.map((f) => [f.path, f.name]));
try {
  const batch = findKeyingBatch(db, data.batchId);
  if (!batch) throw new Error(`batch ${data.batchId} is gone`);
  let lastSent = 0;
  const summary = await scanFiles(
    db,
    data.files.map((f) => f.path),
    {
      survey,
      batch,
      province: data.province,
      user: data.user,
      layout: null,
      now: Date.now,
      signal: cancel.signal,
      template: (lang) => templates.get(lang) ?? templates.set(lang, formTemplate(survey.definition, lang)).get(lang)!,
      onPage: (pages) => {
        const now = Date.now();
        if (now - lastSent < 200) return;
        lastSent = now;
        send({ type: 'progress', pages, total: data.totalPages });
      },
    },
  );
  // Problems name files by their temp path: people know them by the names they uploaded.
  summary.problems = summary.problems.map((p) => (p.file === undefined ? p : { ...p, file: byPath.get(p.file) ?? p.file }));
  send({ type: 'done', summary });
} catch (err) {
  if (err instanceof ScanCancelled) send({ type: 'cancelled', saved: err.saved });
  else if (err instanceof ScanFileError) send({ type: 'refused', message: (byPath.get(err.file) ?? 'file') + err.message.slice(err.file.length) });
  else send({ type: 'failed', message: (err as Error).message, stack: (err as Error).stack });
} finally {
  closeDatabase(db);
  port.close();
}
