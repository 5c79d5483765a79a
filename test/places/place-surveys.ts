import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSurveys, type SurveyCatalog } from '../../src/modules/definitions/load-surveys.js';
import { repoRoot } from '../helpers/test-app.js';

interface Level {
  level: string;
  code: string;
}
type Definition = Record<string, unknown> & {
  variables: Record<string, string>;
  sections: { questions: (Record<string, unknown> & { type: string; levels?: Level[] })[] }[];
};

/**
 * A surveys folder (in `dir`) with two test copies of the shipped sipas-2023 (2023.2) on an open
 * link, differing in their place question: `places-34` asks province → commune on the 34-era lists,
 * `places-63` province → district → commune on the 63-era lists (the village stays text in both).
 * Until the shipped definitions code these levels, the place pickers are tested on these.
 */
export function placeSurveys(dir: string): SurveyCatalog {
  cpSync(join(repoRoot, 'surveys', 'reference'), join(dir, 'reference'), { recursive: true });
  const shipped = readFileSync(join(repoRoot, 'surveys', 'sipas-2023.v2.json'), 'utf8');
  for (const era of ['34', '63'] as const) {
    const definition = JSON.parse(shipped) as Definition;
    delete definition.$schema;
    definition.id = `places-${era}`;
    definition.version = `${era}.1`;
    definition.access = 'open';
    definition.places = `provinces-${era}`;
    for (const section of definition.sections) {
      for (const question of section.questions) {
        if (question.type !== 'place' || !question.levels) continue;
        if (era === '34') question.levels = question.levels.filter((l) => l.level !== 'district');
      }
    }
    if (era === '34') delete definition.variables.district;
    writeFileSync(join(dir, `places-${era}.json`), JSON.stringify(definition, null, 2));
  }
  return loadSurveys(dir);
}
