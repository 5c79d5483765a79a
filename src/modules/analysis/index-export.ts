import type { Request, Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { csvText } from '../../csv/write-csv.js';
import { recordAudit } from '../audit/audit-repository.js';
import { currentUser } from '../auth/current-user.js';
import { longTable, nonresponseTable, rankingTable } from '../results/index-tables.js';
import { indexWorkbook } from '../results/index-workbook.js';
import { resolveRun } from './analysis-run.js';
import { surveyOf } from './analysis-page.js';
import type { LiveIndex } from './live-index.js';

/** The index of the chosen run as CSV, XLSX or JSON, the export audited. */
export async function sendIndexExport(
  ctx: { deps: AppDeps; live: LiveIndex; surveysDir: string },
  req: Request,
  res: Response,
  format: 'csv' | 'xlsx' | 'json',
): Promise<void> {
  const { deps, live, surveysDir } = ctx;
  const survey = surveyOf(deps.surveys, req.params.survey);
  const resolved = await resolveRun(deps.db, live, survey, surveysDir, req.query, deps.now());
  const { run, filters } = resolved;
  const user = currentUser(res)!;
  const table = req.query.table === 'ranking' ? 'ranking' : req.query.table === 'nonresponse' ? 'nonresponse' : 'indices';
  recordAudit(deps.db, { userId: user.id, name: user.username }, deps.now(), {
    action: 'export',
    entity: 'export',
    surveyId: survey.id,
    detail: { kind: 'index', format, ...(format === 'csv' ? { table } : {}), ...filters, dataHash: run.stamp.responses.dataHash },
  });
  const name = `${survey.id}-${filters.wave}-${filters.by}${filters.weights === 'none' ? '' : `-${filters.weights}`}`;
  if (format === 'json') {
    res
      .attachment(`${name}.json`)
      .type('application/json')
      .send(`${JSON.stringify({ stamp: run.stamp, results: run.results, filters }, null, 2)}\n`);
  } else if (format === 'csv') {
    res
      .attachment(`${name}-${table}.csv`)
      .type('text/csv; charset=utf-8')
      .send(
        `\uFEFF${csvText(table === 'ranking' ? rankingTable(run.results) : table === 'nonresponse' ? nonresponseTable(run.results) : longTable(run.results))}`,
      );
  } else {
    res
      .attachment(`${name}.xlsx`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await indexWorkbook(run));
  }
}
