// The analysts' index thread (see index-thread.ts): its own read-only connection and the
// server's definitions compiled again; computes one live run at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open-database.js';
import { compileSurvey, type Survey } from '../definitions/compile-survey.js';
import { placeListFromWire } from '../definitions/place-list.js';
import { runIndex } from '../results/run-index.js';
import { runInBackground } from '../../threads/background-priority.js';
import type { IndexThreadData, IndexJob, IndexAnswer } from './index-thread.js';

const data = workerData as IndexThreadData;
// A live ranking takes seconds of CPU; respondents' pages and submissions go first.
runInBackground();
const db = openDatabase(data.dbPath, { readonly: true });
const byVersion = new Map<string, Survey>();
for (const s of data.surveys) {
  const survey = compileSurvey(s.definition, placeListFromWire(s.places));
  byVersion.set(`${survey.id}@${survey.version}`, survey);
}
const port = parentPort!;

port.on('message', (job: IndexJob | 'stop') => {
  if (job === 'stop') {
    db.$client.close();
    port.close();
    return;
  }
  let answer: IndexAnswer;
  try {
    const survey = byVersion.get(job.survey);
    if (!survey) throw new Error(`the index thread has no survey ${job.survey}`);
    answer = { id: job.id, run: runIndex(db, survey, job.request, job.at) };
  } catch (err) {
    answer = { id: job.id, error: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } };
  }
  port.postMessage(answer);
});
