import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SurveyDefinition } from './survey-schema.js';
import { compileSurvey, DefinitionError, type Survey } from './compile-survey.js';
import { makePlaceList, type Place, type PlaceList } from './place-list.js';
import { surveyKey } from './survey-key.js';
import { placeTreeSource, type PlaceTreeSource } from '../places/load-place-trees.js';

/** A definition file that cannot be used, with where and why. */
export class DefinitionFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'DefinitionFileError';
  }
}

export function loadPlaceLists(referenceDir: string): Record<PlaceList['id'], PlaceList> {
  const read = (id: PlaceList['id']): PlaceList => {
    const rows: Record<string, string>[] = parse(readFileSync(join(referenceDir, `${id}.csv`), 'utf8'), { columns: true, skip_empty_lines: true });
    const places: Place[] = rows.map((r) => ({ code: r.code!, nameVi: r.name_vi!, nameEn: r.name_en!, ...(r.region ? { region: r.region } : {}) }));
    return makePlaceList(id, places, referenceDir);
  };
  return { 'provinces-63': read('provinces-63'), 'provinces-34': read('provinces-34') };
}

function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

/** Parses, validates and compiles one definition; throws DefinitionFileError naming the file. */
export function loadSurveyFile(file: string, placeLists: Record<PlaceList['id'], PlaceList>): Survey {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DefinitionFileError(file, [{ path: '$', message: `not readable JSON: ${(err as Error).message}` }]);
  }
  const result = SurveyDefinition.safeParse(raw);
  if (!result.success) {
    throw new DefinitionFileError(
      file,
      result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
    );
  }
  try {
    return compileSurvey(result.data, placeLists[result.data.places]);
  } catch (err) {
    if (err instanceof DefinitionError) throw new DefinitionFileError(file, [{ path: err.path, message: err.message.slice(err.path.length + 2) }]);
    throw err;
  }
}

export interface SurveyCatalog {
  /** Latest version of each survey id. */
  byId: ReadonlyMap<string, Survey>;
  /** Every loaded version, keyed "id@version". */
  byVersion: ReadonlyMap<string, Survey>;
  placeLists: Record<PlaceList['id'], PlaceList>;
  /** The official place trees a coded place level offers its choices from; without it, place levels below the province are text. */
  placeTrees?: PlaceTreeSource;
}

/**
 * Loads every `*.json` in the folder except `schema.json`. Files may hold several versions
 * of one survey (e.g. `sipas-2023.json`, `sipas-2023.v2.json`); the last loaded, by version
 * order, is the one new responses use.
 */
export function loadSurveys(dir: string): SurveyCatalog {
  const placeLists = loadPlaceLists(join(dir, 'reference'));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && basename(f) !== 'schema.json')
    .sort();
  const byVersion = new Map<string, Survey>();
  const byId = new Map<string, Survey>();
  for (const f of files) {
    const survey = loadSurveyFile(join(dir, f), placeLists);
    const key = surveyKey(survey.id, survey.version);
    if (byVersion.has(key)) throw new DefinitionFileError(join(dir, f), [{ path: '$.version', message: `${key} is defined twice` }]);
    byVersion.set(key, survey);
    const current = byId.get(survey.id);
    if (!current || current.version.localeCompare(survey.version, 'en', { numeric: true }) < 0) byId.set(survey.id, survey);
  }
  return { byId, byVersion, placeLists, placeTrees: placeTreeSource(join(dir, 'reference')) };
}
