// The submission thread (see submission-thread.ts): its own read-only connection and the server's
// definitions compiled again, answering each batch of jobs with one message.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open-database.js';
import { compileSurvey, type Survey } from '../definitions/compile-survey.js';
import { makePlaceList, type Place, type PlaceList } from '../definitions/place-list.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import { prepareSubmission } from './prepare-submission.js';
import type { ThreadAnswer, ThreadJob } from './submission-thread.js';

export interface SubmissionThreadData {
  /** This module, for worker-boot.mjs when the thread boots through tsx. */
  entry: string;
  dbPath: string;
  /** Every version the server loaded; `current` marks the one new drafts of its survey use. */
  surveys: { definition: SurveyDefinition; places: { id: PlaceList['id']; places: Place[] }; current: boolean }[];
}

const data = workerData as SubmissionThreadData;
const db = openDatabase(data.dbPath, { readonly: true });
const byVersion = new Map<string, Survey>();
const byId = new Map<string, Survey>();
for (const s of data.surveys) {
  const survey = compileSurvey(s.definition, makePlaceList(s.places.id, s.places.places));
  byVersion.set(`${survey.id}@${survey.version}`, survey);
  if (s.current) byId.set(survey.id, survey);
}
const port = parentPort!;

port.on('message', (message: ThreadJob[] | 'stop') => {
  if (message === 'stop') {
    db.$client.close();
    port.close();
    return;
  }
  const answers = message.map(([id, draftId, surveyId]): ThreadAnswer => {
    try {
      return [id, prepareSubmission(db, { byId, byVersion }, draftId, surveyId)];
    } catch {
      // The server's thread prepares it again and, if it throws there too, reports it.
      return [id, null];
    }
  });
  port.postMessage(answers);
});
