import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvText } from '../../src/csv/write-csv.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { codedColumn, scanCodedRows } from '../../src/modules/responses/response-scan-repository.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { runCli } from '../helpers/run-cli.js';
import { repoRoot, shipped } from '../helpers/test-app.js';
import { tempDb } from '../helpers/temp-db.js';

/**
 * The Done-when of a postal wave as it comes back: 30,600 sipas-2023 forms from the 34 provinces,
 * 3% of every coded answer left blank (required ones included), stored through the repository;
 * `sipas index` with no design flags (the definition declares strata = province) must equal R
 * survey — svydesign(ids = ~1, strata = ~province), svyratio of positive over valid answers, per
 * item and province — to 1e-9 in estimates and SEs, and report the same valid and missing counts.
 */
const FORMS = 30_600;
const BLANK = 0.03;
let t: ReturnType<typeof tempDb>;
let survey: Survey;
let blanks = 0;

beforeAll(() => {
  // The shipped newest version, which declares its design (strata = province).
  survey = shipped().byId.get('sipas-2023')!;
  expect(survey.definition.design).toEqual({ strata: 'province' });
  t = tempDb();
  const rand = seededRandom(2023);
  // Answers are drawn per variable from a pool of valid forms (sipas-2023 has no skip logic or
  // checks between its coded answers, so any mix of valid answers is a valid form): cheap for 30,000.
  const pool = Array.from({ length: 400 }, (_, i) => randomAnswers(survey, rand, `P${i}`));
  const coded = survey.variables.filter((v) => v.slot >= 0);
  const provinces = survey.places.places.map((p) => p.code);
  const province = survey.definition.variables.province;
  const insert = prepareBulkInsert(t.db);
  t.db.$client.transaction(() => {
    for (let i = 0; i < FORMS; i++) {
      const serial = `W${String(i).padStart(6, '0')}`;
      const answers = { ...pool[i % pool.length]!, [survey.definition.serial.code]: serial, [province]: provinces[i % provinces.length]! };
      for (const v of coded) {
        const value = pool[Math.floor(rand() * pool.length)]![v.code];
        if (value === undefined || rand() < BLANK) {
          if (value !== undefined) blanks++;
          delete answers[v.code];
        } else answers[v.code] = value;
      }
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey, answers),
        at: 0,
      });
    }
  })();
}, 120_000);
afterAll(() => {
  t.cleanup();
});

interface Estimate {
  estimate: number;
  se: number;
  n: number;
}
interface Json {
  stamp: { design: unknown; responses: { used: number } };
  results: { groups: { key: string; values: Record<string, Estimate>; nonresponse: Record<string, { valid: number; missing: number }> }[] };
}

describe('sipas index on a postal wave with blanks agrees with R survey', () => {
  it('per item and province, with the design the definition declares and no design flags', () => {
    expect(blanks / (FORMS * survey.variables.filter((v) => v.slot >= 0).length)).toBeGreaterThan(0.02);
    const rows = scanCodedRows(t.db, survey);
    expect(rows.n).toBe(FORMS);
    const indicators = survey.definition.scoring.indicators;
    const variables = [...new Set(indicators.map((i) => i.variable))];
    const columns = variables.map((code) => codedColumn(rows, survey.byCode.get(code)!.slot));
    const data = join(t.dir, 'data.csv');
    writeFileSync(
      data,
      csvText([
        ['province', ...variables],
        ...Array.from({ length: rows.n }, (_, i) => [rows.province[i], ...columns.map((c) => (c[i] === 0 || c[i] === 255 ? '' : c[i]))]),
      ]),
    );
    const items = join(t.dir, 'items.csv');
    writeFileSync(items, csvText([['id', 'variable', 'positive'], ...indicators.map((i) => [i.id, i.variable, (i.positive ?? []).join(' ')])]));
    const out = join(t.dir, 'r.csv');
    const r = spawnSync('Rscript', ['--vanilla', join(repoRoot, 'scripts', 'r', 'items-by-province.R'), data, items, out], { encoding: 'utf8' });
    if (r.error) throw new Error(`Rscript is needed for this test (apt-get install r-base-core r-cran-survey): ${r.error.message}`);
    expect(r.status, r.stderr).toBe(0);
    const fromR = parse<{
      id: string;
      province: string;
      estimate: string;
      se: string;
      valid: string;
      missing: string;
    }>(readFileSync(out, 'utf8'), { columns: true });

    const cli = runCli(['index', 'sipas-2023', '--format', 'json', '--db', t.path]);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const run = JSON.parse(cli.stdout) as Json;
    expect(run.stamp.design).toEqual({ strata: 'province', cluster: null, from: { strata: 'definition', cluster: 'none' } });
    expect(run.stamp.responses.used).toBe(FORMS);
    const groups = new Map(run.results.groups.map((g) => [g.key, g]));
    expect(groups.size).toBe(34);
    expect(fromR.length).toBe(34 * indicators.length);
    let worstEstimate = 0;
    let worstSe = 0;
    for (const row of fromR) {
      const g = groups.get(row.province)!;
      const e = g.values[row.id]!;
      worstEstimate = Math.max(worstEstimate, Math.abs(e.estimate - Number(row.estimate)));
      worstSe = Math.max(worstSe, Math.abs(e.se - Number(row.se)));
      expect(e.n, `${row.id} ${row.province} valid`).toBe(Number(row.valid));
      expect(g.nonresponse[row.id]!.valid).toBe(Number(row.valid));
      expect(g.nonresponse[row.id]!.missing, `${row.id} ${row.province} missing`).toBe(Number(row.missing));
    }
    expect(worstEstimate).toBeLessThan(1e-9);
    expect(worstSe).toBeLessThan(1e-9);
  }, 600_000);
});
