import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText } from '../../src/csv/write-csv.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { codedColumn, scanCodedRows } from '../../src/modules/responses/response-scan-repository.js';
import { runIndex } from '../../src/modules/results/run-index.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { runCli } from '../helpers/run-cli.js';
import type { Survey } from '../../src/modules/definitions/compile-survey.js';

/**
 * End to end against R: responses stored through the repository, `runIndex` as `sipas index`
 * runs it, and R's survey package on the same data written out as CSV. The element E1 of
 * sipas-2023 (mean of four item shares with different valid counts) must agree to 1e-9 —
 * estimate and standard error, per province and for the national mean: clustered by district
 * codes on the 63 provinces (2023.2-63), and clustered by commune codes within province strata on
 * the 34 (2023.3, through the real `sipas index --cluster commune`).
 */
const survey = shipped().byVersion.get('sipas-2023@2023.2-63')!;
const survey34 = shipped().byVersion.get('sipas-2023@2023.3')!;
const items = ['C9_15', 'C9_16', 'C9_17', 'C9_18'];
let t: ReturnType<typeof tempDb>;

beforeAll(() => {
  t = tempDb();
  const rand = seededRandom(42);
  const insert = prepareBulkInsert(t.db);
  t.db.$client.transaction(() => {
    for (let i = 0; i < 900; i++) {
      const answers = randomAnswers(survey, rand, `R${i}`, { provinces: ['01', '79', '48'] });
      // A few districts per province, so clusters hold several responses each.
      const districts = survey.places.tree()!.children('district', String(answers.A1));
      answers.A2 = districts[Math.floor(rand() * 6)]!.code;
      delete answers.A3;
      for (const item of items) if (rand() < 0.12) delete answers[item];
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `R${i}`,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey, answers),
        at: 0,
      });
    }
  })();
  // A wave on the 34 provinces, communes as clusters: a few communes per province.
  t.db.$client.transaction(() => {
    for (let i = 0; i < 900; i++) {
      const answers = randomAnswers(survey34, rand, `N${i}`, { provinces: ['01', '79', '48'] });
      const communes = survey34.places.tree()!.children('commune', String(answers.A1));
      answers.A3 = communes[Math.floor(rand() * 12)]!.code;
      for (const item of items) if (rand() < 0.12) delete answers[item];
      insert({
        surveyId: survey34.id,
        surveyVersion: survey34.version,
        serial: `N${i}`,
        channel: 'import',
        status: 'verified',
        packed: packAnswers(survey34, answers),
        at: 0,
      });
    }
  })();
});
afterAll(() => t.cleanup());

function runR(script: string): string {
  const r = spawnSync('Rscript', ['--vanilla', '-e', script], { encoding: 'utf8' });
  if (r.error) throw new Error(`Rscript is needed for this test (apt-get install r-base-core r-cran-survey): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`R failed: ${r.stderr}`);
  return r.stdout;
}

/** E1 per province and nationally (the mean of the provinces' elements, one joint linearisation) from R. */
function e1FromR(csv: string, design: string): Map<string, { estimate: number; se: number }> {
  const out = runR(`
    suppressMessages(library(survey))
    d <- read.csv("${csv}", colClasses = c(province = "character", cluster = "character"))
    items <- c(${items.map((i) => `"${i}"`).join(',')})
    for (v in items) { d[[paste0("n_", v)]] <- as.numeric(d[[v]] %in% 4:5); d[[paste0("d_", v)]] <- as.numeric(d[[v]] %in% 1:5) }
    des <- svydesign(${design}, data = d)
    num <- as.formula(paste("~", paste0("n_", items, collapse = "+")))
    den <- as.formula(paste("~", paste0("d_", items, collapse = "+")))
    diag_names <- paste0("n_", items, "/d_", items)
    for (p in sort(unique(d$province))) {
      r <- svyratio(num, den, subset(des, province == p), covmat = TRUE)
      cf <- svycontrast(r, setNames(rep(100 / length(items), length(items)), diag_names))
      cat(p, sprintf("%.17g", coef(cf)), sprintf("%.17g", SE(cf)), "\\n")
    }
    provs <- sort(unique(d$province))
    for (p in provs) for (v in items) {
      d[[paste0("n_", v, "_", p)]] <- d[[paste0("n_", v)]] * (d$province == p)
      d[[paste0("d_", v, "_", p)]] <- d[[paste0("d_", v)]] * (d$province == p)
    }
    des <- svydesign(${design}, data = d)
    nn <- as.vector(outer(items, provs, function(v, p) paste0("n_", v, "_", p)))
    dd <- as.vector(outer(items, provs, function(v, p) paste0("d_", v, "_", p)))
    r <- svyratio(as.formula(paste("~", paste(nn, collapse = "+"))), as.formula(paste("~", paste(dd, collapse = "+"))), des, covmat = TRUE)
    cf <- svycontrast(r, setNames(rep(100 / (length(items) * length(provs)), length(nn)), paste0(nn, "/", dd)))
    cat("ALL", sprintf("%.17g", coef(cf)), sprintf("%.17g", SE(cf)), "\\n")
  `);
  return new Map(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const [key, estimate, se] = line.trim().split(/\s+/);
        return [key!, { estimate: Number(estimate), se: Number(se) }];
      }),
  );
}

/** The stored responses of a version as the CSV R reads: province, the cluster column, the items. */
function writeData(version: Survey, cluster: 'district' | 'commune', file: string): void {
  const rows = scanCodedRows(t.db, version);
  const columns = items.map((code) => codedColumn(rows, version.byCode.get(code)!.slot));
  const clusters = cluster === 'district' ? rows.district : rows.commune;
  writeFileSync(
    join(t.dir, file),
    csvText([['province', 'cluster', ...items], ...Array.from({ length: rows.n }, (_, i) => [rows.province[i], clusters[i], ...columns.map((c) => c[i])])]),
  );
}

type E1 = { key: string; values: { E1?: { estimate: number | null; se: number | null } } };

function expectSame(groups: readonly E1[], overall: E1['values'], fromR: Map<string, { estimate: number; se: number }>): void {
  expect(fromR.size).toBe(4);
  for (const g of groups) {
    const r = fromR.get(g.key)!;
    expect(Math.abs(g.values.E1!.estimate! - r.estimate), `estimate ${g.key}`).toBeLessThan(1e-9);
    expect(Math.abs(g.values.E1!.se! - r.se), `SE ${g.key}`).toBeLessThan(1e-9);
  }
  const all = fromR.get('ALL')!;
  expect(Math.abs(overall.E1!.estimate! - all.estimate)).toBeLessThan(1e-9);
  expect(Math.abs(overall.E1!.se! - all.se)).toBeLessThan(1e-9);
}

describe('sipas index agrees with R survey', () => {
  it('for a composite element in a design clustered by district codes (63 provinces), per province and nationally', () => {
    const run = runIndex(t.db, survey, { cluster: 'district', strata: 'none' }, 0);
    expect(run.stamp.weighting.psus).toBeGreaterThan(10);
    writeData(survey, 'district', 'data63.csv');
    expectSame(run.results.groups, run.results.overall.values, e1FromR(join(t.dir, 'data63.csv'), 'ids = ~cluster'));
  });

  it('sipas index --cluster commune: communes as clusters within province strata (34 provinces), per province and nationally', () => {
    const r = runCli(['index', 'sipas-2023@2023.3', '--db', t.path, '--cluster', 'commune', '--strata', 'province', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { stamp: { design: { cluster: string }; weighting: { psus: number } }; results: { groups: E1[]; overall: E1 } };
    expect(run.stamp.design.cluster).toBe('commune');
    expect(run.stamp.weighting.psus).toBeGreaterThan(30);
    writeData(survey34, 'commune', 'data34.csv');
    expectSame(run.results.groups, run.results.overall.values, e1FromR(join(t.dir, 'data34.csv'), 'ids = ~cluster, strata = ~province'));
  });
});
