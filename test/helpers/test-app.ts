import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import type { AppDeps } from '../../src/app-deps.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { loadConfig, type Config } from '../../src/config.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { loadSurveys, type SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { tempDb } from './temp-db.js';
import { startQuestionnaireThread } from '../../src/modules/questionnaire/questionnaire-thread.js';
import { startIndexThread } from '../../src/modules/analysis/index-thread.js';
import { computeHere, LiveIndex, liveIndexOptions } from '../../src/modules/analysis/live-index.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

let shippedSurveys: SurveyCatalog | undefined;
/** The shipped definitions, loaded once per test file. */
export function shipped(): SurveyCatalog {
  return (shippedSurveys ??= loadSurveys(join(repoRoot, 'surveys')));
}

export interface TestApp {
  url: string;
  deps: AppDeps;
  close: () => Promise<void>;
}

/**
 * The real app on port 0 over a fresh SQLite file; `now` can be moved by the test.
 * `questionnaireThread`: the respondents' pages and submissions read in their own thread, as
 * `sipas serve` does (otherwise in the test's thread); the test fails if that thread fails.
 * `indexThread`: the analysts' live index likewise.
 */
export async function startTestApp(
  options: {
    config?: Partial<Config>;
    surveys?: SurveyCatalog;
    now?: () => number;
    questionnaireThread?: boolean;
    indexThread?: boolean;
    /** A database the test keeps across two apps (a restart); the test cleans it up, not `close`. */
    database?: ReturnType<typeof tempDb>;
  } = {},
): Promise<TestApp> {
  const t = options.database ?? tempDb();
  const surveys = options.surveys ?? shipped();
  registerSurveyVersions(
    t.db,
    [...surveys.byVersion.values()].map((s) => s.definition),
    Date.now(),
  );
  // Live runs are computed again after any write unless a test asks for a maximum age: tests
  // write and then look.
  const config = { ...loadConfig({ NODE_ENV: 'test', SIPAS_DB: t.path }), liveIndexMaxAgeSeconds: 0, ...options.config };
  const thread = options.questionnaireThread
    ? await startQuestionnaireThread(t.db, surveys, repoRoot, {
        onError: (err) => {
          throw err;
        },
      })
    : undefined;
  const indexThread = options.indexThread
    ? await startIndexThread(t.db, surveys, {
        onError: (err) => {
          throw err;
        },
      })
    : undefined;
  const deps: AppDeps = {
    config,
    db: t.db,
    surveys,
    logger: pino({ level: 'silent' }),
    now: options.now ?? (() => Date.now()),
    root: repoRoot,
    questionnaireThread: thread,
    liveIndex: new LiveIndex(t.db, indexThread?.compute ?? computeHere(t.db), liveIndexOptions(config, options.now ?? (() => Date.now()))),
  };
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve) => {
    const s = createHttpServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void Promise.all([thread?.stop(), indexThread?.stop()]).then(() => {
            if (!options.database) t.cleanup();
            resolve();
          });
        });
      }),
  };
}
