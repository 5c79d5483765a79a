// The questionnaire thread (see questionnaire-thread.ts): its own read-only connection, the
// server's definitions compiled again and its own page renderer, answering each batch of jobs
// with one message.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/open-database.js';
import { compileSurvey, type Survey } from '../definitions/compile-survey.js';
import { placeListFromWire } from '../definitions/place-list.js';
import { prepareSubmission } from './prepare-submission.js';
import { pageRenderer, showPage } from './show-page.js';
import type { QuestionnaireThreadData, ThreadAnswer, ThreadJob } from './questionnaire-messages.js';
import { surveyKey } from '../definitions/survey-key.js';
import { placeTreeSource } from '../places/load-place-trees.js';

const data = workerData as QuestionnaireThreadData;
const db = openDatabase(data.dbPath, { readonly: true });
const byVersion = new Map<string, Survey>();
const byId = new Map<string, Survey>();
for (const s of data.surveys) {
  const survey = compileSurvey(s.definition, placeListFromWire(s.places));
  byVersion.set(surveyKey(survey.id, survey.version), survey);
  if (s.current) byId.set(survey.id, survey);
}
const surveys = { byId, byVersion, placeTrees: data.placeDir === null ? undefined : placeTreeSource(data.placeDir) };
const views = pageRenderer(data.root);
const port = parentPort!;

port.on('message', (message: ThreadJob[] | 'stop') => {
  if (message === 'stop') {
    db.$client.close();
    port.close();
    return;
  }
  const answers = message.map((job): ThreadAnswer => {
    try {
      return [job[0], job[1] === 'page' ? showPage({ db, surveys, views }, job[2]) : prepareSubmission(db, surveys, job[2], job[3])];
    } catch {
      // The server's thread does it again and, if it throws there too, reports it.
      return [job[0], null];
    }
  });
  port.postMessage(answers);
});
