// Issue 4's benchmark: the full index (every item, element, component and headline, with SEs,
// CIs and rank ranges) over 1,000,000 stored responses, for 34 provinces (sipas-2023) and for
// 63 (sipas-2017), against one SQL `SELECT province, avg(...) GROUP BY province` over the same table.
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { loadSurveys } from '../../src/modules/definitions/load-surveys.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-repository.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { randomAnswers, seededRandom } from '../../test/helpers/random-answers.js';
import { benchDir, ms, ratio, report, timeBest } from './bench-support.js';

const N = Number(process.env.BENCH_ROWS ?? 1_000_000);
const catalog = loadSurveys(join(import.meta.dirname, '..', '..', 'surveys'));
const tmp = benchDir('index');

function fill(db: Db, survey: Survey): void {
  const rand = seededRandom(4);
  const pool = Array.from({ length: 5000 }, (_, i) => packAnswers(survey, randomAnswers(survey, rand, `P${i}`)));
  const insert = prepareBulkInsert(db);
  db.$client.transaction(() => {
    for (let i = 0; i < N; i++)
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `S${i}`,
        channel: 'import',
        status: 'verified',
        packed: pool[i % pool.length]!,
        at: 0,
      });
  })();
}

try {
  const rows: Array<[string, string]> = [['responses per survey', N.toLocaleString('en')]];
  for (const id of ['sipas-2023', 'sipas-2017']) {
    const survey = catalog.byId.get(id)!;
    const db = openDatabase(join(tmp.dir, `${id}.db`));
    fill(db, survey);
    const first = survey.definition.scoring.indicators[0]!;
    const slot = survey.byCode.get(first.variable)!.slot + 1;
    const positive = (first.positive ?? [4, 5]).map((c) => `x'${c.toString(16).padStart(2, '0')}'`).join(',');
    const sql = db.$client.prepare(
      `SELECT province, avg(CASE WHEN substr(codes, ${slot}, 1) IN (${positive}) THEN 100.0 ELSE 0 END) FROM responses WHERE survey_id = ? AND status = 'verified' GROUP BY province`,
    );
    const baseline = await timeBest(3, () => sql.all(survey.id));
    let groups = 0;
    const ours = await timeBest(3, () => {
      groups = runIndex(db, survey, {}, 0).results.groups.length;
    });
    rows.push([`${id}: SQL GROUP BY (one item, no SE)`, ms(baseline)]);
    rows.push([`${id}: full index, ${groups} provinces, ${survey.definition.scoring.indicators.length} indicators`, `${ms(ours)} = ${ratio(ours, baseline)}`]);
    db.$client.close();
  }
  report(rows);
} finally {
  tmp.cleanup();
}
