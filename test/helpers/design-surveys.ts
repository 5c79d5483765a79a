import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Design, SurveyDefinitionInput } from '../../src/modules/definitions/survey-schema.js';
import { loadSurveys, type SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { repoRoot } from './test-app.js';

/**
 * A surveys folder (in `dir`) holding a test copy of the shipped sipas-2023 under a new version
 * that declares `design`, as the shipped new versions will; the reference lists are copied so
 * `SIPAS_SURVEYS=dir` works for the real CLI and the app.
 */
export function surveysWithDesign(dir: string, design: Design, version = '2023.1-design-test'): SurveyCatalog {
  cpSync(join(repoRoot, 'surveys', 'reference'), join(dir, 'reference'), { recursive: true });
  const definition = JSON.parse(readFileSync(join(repoRoot, 'surveys', 'sipas-2023.json'), 'utf8')) as SurveyDefinitionInput;
  delete definition.$schema;
  writeFileSync(join(dir, 'sipas-2023.json'), JSON.stringify({ ...definition, version, design }, null, 2));
  return loadSurveys(dir);
}
