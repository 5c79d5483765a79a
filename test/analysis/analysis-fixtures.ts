import type { Db } from '../../src/db/open-database.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';

/**
 * Inserts `n` valid verified responses (seeded, so every run sees the same data) spread over
 * the given provinces. `distinct` answer sets are generated and reused with new serials, so a
 * large seed stays quick.
 */
export function seedResponses(
  db: Db,
  survey: Survey,
  options: { n: number; provinces: readonly string[]; seed?: number; serialPrefix?: string; distinct?: number },
): void {
  const rand = seededRandom(options.seed ?? 1);
  const distinct = Math.min(options.n, options.distinct ?? options.n);
  const variants = Array.from({ length: distinct }, (_, i) => randomAnswers(survey, rand, `x${i}`, { provinces: options.provinces }));
  const insert = prepareBulkInsert(db);
  const serialCode = survey.definition.serial.code;
  db.$client.transaction(() => {
    for (let i = 0; i < options.n; i++) {
      const serial = `${options.serialPrefix ?? 'T'}${String(i + 1).padStart(7, '0')}`;
      const answers = { ...variants[i % distinct]!, [serialCode]: serial };
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey, answers),
        at: 1_700_000_000_000,
      });
    }
  })();
}
