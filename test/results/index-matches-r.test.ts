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

/**
 * End to end against R: responses stored through the repository, `runIndex` as `sipas index`
 * runs it, and R's survey package on the same data written out as CSV. The element E1 of
 * sipas-2023 (mean of four item shares with different valid counts, clustered by district)
 * must agree to 1e-9 — estimate and standard error, per province and for the national mean.
 */
const survey = shipped().byId.get('sipas-2023')!;
const items = ['C9_15', 'C9_16', 'C9_17', 'C9_18'];
let t: ReturnType<typeof tempDb>;

beforeAll(() => {
  t = tempDb();
  const rand = seededRandom(42);
  const insert = prepareBulkInsert(t.db);
  t.db.$client.transaction(() => {
    for (let i = 0; i < 900; i++) {
      const answers = randomAnswers(survey, rand, `R${i}`, { provinces: ['01', '79', '48'] });
      answers.A2 = `Huyện ${1 + Math.floor(rand() * 6)}`;
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
});
afterAll(() => t.cleanup());

function runR(script: string): string {
  const r = spawnSync('Rscript', ['--vanilla', '-e', script], { encoding: 'utf8' });
  if (r.error) throw new Error(`Rscript is needed for this test (apt-get install r-base-core r-cran-survey): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`R failed: ${r.stderr}`);
  return r.stdout;
}

describe('sipas index agrees with R survey', () => {
  it('for a composite element in a district-clustered design, per province and nationally', () => {
    const run = runIndex(t.db, survey, { cluster: 'district', strata: 'none' }, 0);
    const rows = scanCodedRows(t.db, survey);
    const csv = join(t.dir, 'data.csv');
    const columns = items.map((code) => codedColumn(rows, survey.byCode.get(code)!.slot));
    writeFileSync(
      csv,
      csvText([
        ['province', 'district', ...items],
        ...Array.from({ length: rows.n }, (_, i) => [rows.province[i], rows.district[i], ...columns.map((c) => c[i])]),
      ]),
    );
    const out = runR(`
      suppressMessages(library(survey))
      d <- read.csv("${csv}", colClasses = c(province = "character"))
      items <- c(${items.map((i) => `"${i}"`).join(',')})
      for (v in items) { d[[paste0("n_", v)]] <- as.numeric(d[[v]] %in% 4:5); d[[paste0("d_", v)]] <- as.numeric(d[[v]] %in% 1:5) }
      des <- svydesign(ids = ~district, data = d)
      num <- as.formula(paste("~", paste0("n_", items, collapse = "+")))
      den <- as.formula(paste("~", paste0("d_", items, collapse = "+")))
      diag_names <- paste0("n_", items, "/d_", items)
      est <- list()
      for (p in sort(unique(d$province))) {
        r <- svyratio(num, den, subset(des, province == p), covmat = TRUE)
        cf <- svycontrast(r, setNames(rep(100 / length(items), length(items)), diag_names))
        cat(p, sprintf("%.17g", coef(cf)), sprintf("%.17g", SE(cf)), "\\n")
      }
      # National: mean of the provinces' elements, through one joint linearisation.
      provs <- sort(unique(d$province))
      for (p in provs) for (v in items) {
        d[[paste0("n_", v, "_", p)]] <- d[[paste0("n_", v)]] * (d$province == p)
        d[[paste0("d_", v, "_", p)]] <- d[[paste0("d_", v)]] * (d$province == p)
      }
      des <- svydesign(ids = ~district, data = d)
      nn <- as.vector(outer(items, provs, function(v, p) paste0("n_", v, "_", p)))
      dd <- as.vector(outer(items, provs, function(v, p) paste0("d_", v, "_", p)))
      r <- svyratio(as.formula(paste("~", paste(nn, collapse = "+"))), as.formula(paste("~", paste(dd, collapse = "+"))), des, covmat = TRUE)
      cf <- svycontrast(r, setNames(rep(100 / (length(items) * length(provs)), length(nn)), paste0(nn, "/", dd)))
      cat("ALL", sprintf("%.17g", coef(cf)), sprintf("%.17g", SE(cf)), "\\n")
    `);
    const fromR = new Map(
      out
        .trim()
        .split('\n')
        .map((line) => {
          const [key, estimate, se] = line.trim().split(/\s+/);
          return [key!, { estimate: Number(estimate), se: Number(se) }];
        }),
    );
    expect(fromR.size).toBe(4);
    for (const g of run.results.groups) {
      const r = fromR.get(g.key)!;
      expect(Math.abs(g.values.E1!.estimate! - r.estimate), `estimate ${g.key}`).toBeLessThan(1e-9);
      expect(Math.abs(g.values.E1!.se! - r.se), `SE ${g.key}`).toBeLessThan(1e-9);
    }
    const all = fromR.get('ALL')!;
    expect(Math.abs(run.results.overall.values.E1!.estimate! - all.estimate)).toBeLessThan(1e-9);
    expect(Math.abs(run.results.overall.values.E1!.se! - all.se)).toBeLessThan(1e-9);
  });
});
