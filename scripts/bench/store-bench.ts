// Issue 2's benchmark: load and validate both definitions, then scan 1,000,000 stored
// sipas-2023 responses into columns, against a bare SELECT over the same table.
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open-database.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { scanCodedRows, codedColumn } from '../../src/modules/responses/response-scan-repository.js';
import { randomAnswers, seededRandom } from '../../test/helpers/random-answers.js';
import { benchDir, ms, ratio, report, timeBest } from './bench-support.js';

const N = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = join(import.meta.dirname, '..', '..');
const tmp = benchDir('store');
try {
  const loadMs = await timeBest(5, () => loadSurveys(join(root, 'surveys')));
  const survey = loadSurveys(join(root, 'surveys')).byId.get('sipas-2023')!;
  const db = openDatabase(join(tmp.dir, 'bench.db'));

  // Fill: 2,000 distinct generated responses repeated with new serials (generation is not what we measure).
  const rand = seededRandom(2023);
  const pool = Array.from({ length: 2000 }, (_, i) => packAnswers(survey, randomAnswers(survey, rand, `P${i}`)));
  const insert = prepareBulkInsert(db);
  const t0 = performance.now();
  db.$client.transaction(() => {
    for (let i = 0; i < N; i++) {
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `S${i}`,
        channel: 'import',
        status: 'verified',
        packed: pool[i % pool.length]!,
        at: 0,
      });
    }
  })();
  const fillMs = performance.now() - t0;

  const bareMs = await timeBest(3, () => {
    let bytes = 0;
    for (const row of db.$client.prepare('SELECT province, codes FROM responses WHERE survey_id = ?').raw().iterate(survey.id) as Iterable<[string, Buffer]>)
      bytes += row[1].length;
    return bytes;
  });
  const scanMs = await timeBest(3, () => {
    const rows = scanCodedRows(db, survey);
    for (const v of survey.variables) if (v.type === 'matrix-item') codedColumn(rows, v.slot);
  });
  report([
    ['responses', N.toLocaleString('en')],
    ['load + validate both definitions', ms(loadMs)],
    ['fill (bulk insert, one transaction)', `${ms(fillMs)} (${Math.round(N / (fillMs / 1000)).toLocaleString('en')} rows/s)`],
    ['bare SELECT province, codes', ms(bareMs)],
    ['scan into columns (all matrix items)', `${ms(scanMs)} = ${ratio(scanMs, bareMs)}`],
  ]);
  db.$client.close();
} finally {
  tmp.cleanup();
}
