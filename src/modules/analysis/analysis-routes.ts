import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { resolve } from 'node:path';
import type { AppDeps } from '../../app.js';
import { notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { currentUser } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import { groupingNames } from '../results/grouping-columns.js';
import { longTable, rankingTable } from '../results/index-tables.js';
import { indexWorkbook } from '../results/index-workbook.js';
import { filterQuery, publishedWaves, resolveRun, runLive, type ResolvedRun } from './analysis-run.js';
import { langOf, navLinks, otherLangHref, surveyOf, translator } from './analysis-page.js';
import { batchCounts, onlineCounts, unbatchedConflicts } from './fieldwork-repository.js';
import { fieldworkView } from './fieldwork-view.js';
import { methodView } from './method-view.js';
import { provinceProfileView } from './province-profile-view.js';
import { rankingView } from './ranking-view.js';
import { spreadsheetSafeRows } from '../exports/spreadsheet-safe.js';

/** Breakdowns offered inside a province: the survey's grouping roles other than places and channel. */
const breakdownNames = (survey: Survey): string[] => groupingNames(survey).filter((n) => !['province', 'district', 'channel'].includes(n));

/**
 * Results pages for analysts (admin passes). The aggregated ranking of all provinces is public
 * information, so every analyst sees it; microdata is scoped (see exports/microdata-routes.ts).
 */
export function analysisRouter(deps: AppDeps): Router {
  const router = Router();
  const analyst = requireRole('analyst');
  const surveysDir = resolve(deps.root, deps.config.surveysDir);

  const common = (req: Request, survey: Survey, resolved: ResolvedRun | null, page: string) => {
    const lang = langOf(req);
    const query = resolved ? filterQuery(resolved.filters, lang) : new URLSearchParams(lang === 'en' ? { lang } : {});
    return {
      lang,
      t: translator(lang),
      survey: { id: survey.id, version: survey.version, title: survey.definition.title[lang] },
      nav: navLinks(survey.id, query, lang, page),
      otherLangHref: otherLangHref(req, lang),
      filters: resolved?.filters ?? null,
      filterQuery: query.toString(),
    };
  };

  router.get('/analysis', analyst, (req, res) => {
    const lang = langOf(req);
    const surveys = [...deps.surveys.byId.values()].map((s) => ({
      id: s.id,
      title: s.definition.title[lang],
      waves: publishedWaves(deps.db, s.id)
        .map((w) => w.wave)
        .reverse(),
    }));
    res.render('analysis/index', { lang, t: translator(lang), surveys, otherLangHref: otherLangHref(req, lang) });
  });

  router.get('/analysis/:survey', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    res.redirect(303, `/analysis/${survey.id}/ranking${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  router.get('/analysis/:survey/ranking', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = resolveRun(deps.db, survey, surveysDir, req.query, deps.now());
    const lang = langOf(req);
    const query = filterQuery(resolved.filters, lang);
    const byProvince = resolved.filters.by === 'province';
    const view = rankingView(resolved.run.results, {
      lang,
      sort: req.query.sort,
      query,
      groupHref: byProvince ? (key) => `/analysis/${survey.id}/province/${encodeURIComponent(key)}?${query.toString()}` : null,
    });
    res.render('analysis/ranking', {
      ...common(req, survey, resolved, 'ranking'),
      view,
      waves: resolved.waves.map((w) => w.wave).reverse(),
      groupings: resolved.groupings,
      choices: resolved.choices.map((c) => ({ id: c.id, label: c.label[lang] })),
      stamp: resolved.run.stamp,
      byLabel: resolved.filters.by,
      exportQuery: query.toString(),
    });
  });

  router.get('/analysis/:survey/province/:code', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const code = String(req.params.code);
    const lang = langOf(req);
    const place = survey.places.byCode.get(code);
    if (!place) throw notFound('There is no province with this code in the survey’s list.');
    // The profile compares provinces: its main run is always by province.
    const resolved = resolveRun(deps.db, survey, surveysDir, { ...req.query, by: 'province' }, deps.now());
    const choice = resolved.choices.find((c) => c.id === resolved.filters.weights);
    const breakdowns = breakdownNames(survey).map((name) => {
      const variable = survey.byCode.get((survey.definition.variables as Record<string, string | undefined>)[name] ?? name);
      return {
        name,
        label: variable?.label ?? { vi: name, en: name },
        results: runLive(deps.db, survey, { by: name, provinces: [code], ...(choice?.request ?? {}) }, deps.now()).results,
      };
    });
    const waves = resolved.waves.filter((w) => w.stamp.grouping === 'province').map((w) => ({ wave: w.wave, results: w.results }));
    const view = provinceProfileView({ lang, province: code, results: resolved.run.results, rules: resolved.run.stamp.rules, breakdowns, waves });
    res.render('analysis/province', {
      ...common(req, survey, resolved, 'ranking'),
      province: { code, name: lang === 'vi' ? place.nameVi : place.nameEn },
      view,
      rankingHref: `/analysis/${survey.id}/ranking?${filterQuery(resolved.filters, lang).toString()}`,
    });
  });

  router.get('/analysis/:survey/fieldwork', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const lang = langOf(req);
    const view = fieldworkView(
      survey.places,
      { batches: batchCounts(deps.db, survey.id), online: onlineCounts(deps.db, survey.id), conflicts: unbatchedConflicts(deps.db, survey.id) },
      lang,
    );
    res.render('analysis/fieldwork', { ...common(req, survey, null, 'fieldwork'), view });
  });

  router.get('/analysis/:survey/method', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = resolveRun(deps.db, survey, surveysDir, req.query, deps.now());
    res.render('analysis/method', { ...common(req, survey, resolved, 'method'), view: methodView(resolved.run.stamp, langOf(req)) });
  });

  const exportIndex = async (req: Request, res: Response, format: 'csv' | 'xlsx' | 'json'): Promise<void> => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = resolveRun(deps.db, survey, surveysDir, req.query, deps.now());
    const { run, filters } = resolved;
    const user = currentUser(res)!;
    const table = req.query.table === 'ranking' ? 'ranking' : 'indices';
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
        .send(`\uFEFF${stringify(spreadsheetSafeRows(table === 'ranking' ? rankingTable(run.results) : longTable(run.results)))}`);
    } else {
      res
        .attachment(`${name}.xlsx`)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await indexWorkbook(run));
    }
  };
  router.get('/analysis/:survey/export.csv', analyst, (req, res) => exportIndex(req, res, 'csv'));
  router.get('/analysis/:survey/export.xlsx', analyst, (req, res) => exportIndex(req, res, 'xlsx'));
  router.get('/analysis/:survey/export.json', analyst, (req, res) => exportIndex(req, res, 'json'));

  return router;
}
