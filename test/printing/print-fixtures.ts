import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tinyDefinition } from '../helpers/tiny-survey.js';
import { repoRoot } from '../helpers/test-app.js';

/** A surveys folder holding only the tiny test definition (and the shipped reference lists), for SIPAS_SURVEYS. */
export function tinySurveysDir(dir: string): string {
  const surveys = join(dir, 'surveys');
  mkdirSync(surveys, { recursive: true });
  cpSync(join(repoRoot, 'surveys', 'reference'), join(surveys, 'reference'), { recursive: true });
  writeFileSync(join(surveys, 'tiny.json'), JSON.stringify(tinyDefinition()));
  return surveys;
}
