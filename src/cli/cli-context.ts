import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Db } from '../db/open-database.js';
import { registerSurveyVersions } from '../db/survey-version-repository.js';
import { loadSurveys, type SurveyCatalog } from '../modules/definitions/load-surveys.js';
import type { Survey } from '../modules/definitions/compile-survey.js';

/** Repository root: views, surveys and migrations are found relative to it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input as text, for passwords and piped data. */
  readStdin: () => Promise<string>;
}

/** A failure the user can fix: printed without a stack, exit code 2 unless said otherwise. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Context {
  config: Config;
  io: Io;
  surveys: () => SurveyCatalog;
  survey: (id: string) => Survey;
  db: () => Db;
  now: () => number;
}

/** Lazily opens what a command needs: `--db` beats SIPAS_DB beats data/sipas.db. */
export function makeContext(io: Io, dbOption: string | undefined): Context {
  const config = loadConfig(undefined, dbOption ? { dbPath: dbOption } : {});
  let catalog: SurveyCatalog | undefined;
  let db: Db | undefined;
  const surveys = (): SurveyCatalog => (catalog ??= loadSurveys(resolve(repoRoot, config.surveysDir)));
  return {
    config,
    io,
    now: () => Date.now(),
    surveys,
    survey: (id) => {
      const s = surveys().byId.get(id) ?? surveys().byVersion.get(id);
      if (!s) throw new UsageError(`unknown survey "${id}"; known: ${[...surveys().byId.keys()].join(', ')}`);
      return s;
    },
    db: () => {
      if (!db) {
        db = openDatabase(resolve(config.dbPath));
        registerSurveyVersions(
          db,
          [...surveys().byVersion.values()].map((s) => s.definition),
          Date.now(),
        );
      }
      return db;
    },
  };
}

export const surveysDir = (config: Config): string => resolve(repoRoot, config.surveysDir);
export const viewsDir = join(repoRoot, 'views');
