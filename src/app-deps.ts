import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/open-database.js';
import type { SurveyCatalog } from './modules/definitions/load-surveys.js';
import type { QuestionnaireWork } from './modules/questionnaire/questionnaire-thread.js';
import type { LiveIndex } from './modules/analysis/live-index.js';

/** What the app is built from (`createApp(deps)`); each router takes it. Apart from app.ts so no feature imports the composition root. */
export interface AppDeps {
  config: Config;
  db: Db;
  surveys: SurveyCatalog;
  logger: Logger;
  /** The clock, passed in so tests can move time. */
  now: () => number;
  /** Folder of the repository (views, static files). */
  root: string;
  /** The respondents' pages and submissions read in a thread of their own (src/server.ts starts it); without it, in this one. */
  questionnaireThread?: QuestionnaireWork;
  /** The analysts' live runs, computed in the index thread src/server.ts starts; without it, in this one. */
  liveIndex?: LiveIndex;
}
