import { Router, type Request, type Response } from 'express';
import { csvText } from '../../csv/write-csv.js';
import { resolve } from 'node:path';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { currentUser } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import { groupingNames } from '../results/grouping-columns.js';
import { longTable, nonresponseTable, rankingTable } from '../results/index-tables.js';
import { indexWorkbook } from '../results/index-workbook.js';
import { filterQuery, publishedWaves, resolveRun, runLive, type ResolvedRun } from './analysis-run.js';
import { navLinks, otherLangHref, surveyOf } from './analysis-page.js';
import { batchCounts, keyedCounts, quarantineCounts, responseCounts } from './fieldwork-repository.js';
import { fieldworkCounts, type FieldworkView } from './fieldwork-view.js';
import { nonresponseSection } from './fieldwork-nonresponse-view.js';
import { openConflictCounts } from '../conflicts/conflict-repository.js';
import { provinceNonresponse } from '../results/province-nonresponse.js';
import { NO_DESIGN } from '../results/sampling-design.js';
import { batchSampleCounts, openAnswerCounts } from '../sample/sample-repository.js';
import { sampleAccounting } from '../sample/response-rates.js';
import { sampleView } from '../sample/sample-view.js';
import { computeHere, LiveIndex } from './live-index.js';
import { methodView } from './method-view.js';
import { provinceProfileView } from './province-profile-view.js';
import { rankingView } from './ranking-view.js';
import { langOf, translator } from '../../i18n/lang.js';

/** Breakdowns offered inside a province: the survey's grouping roles other than places and channel. */
const breakdownNames = (survey: Survey): string[] => groupingNames(survey).filter((n) => !['province', 'district', 'commune', 'channel'].includes(n));

/** The definition's design in a few words, for the design filter ("tầng: province"); '' when it declares none. */
function designLabel(survey: Survey, lang: 'vi' | 'en'): string {
  const d = survey.definition.design;
  const t = translator(lang);
  return [d?.strata ? `${t('tầng', 'strata')}: ${d.strata}` : '', d?.cluster ? `${t('cụm', 'clusters')}: ${d.cluster}` : ''].filter(Boolean).join(', ');
}

/**
 * Results pages for analysts (admin passes). The aggregated ranking of all provinces is public
 * information, so every analyst sees it; microdata is scoped (see exports/microdata-routes.ts).
 */
export function analysisRouter(deps: AppDeps): Router {
  const router = Router();
  const analyst = requireRole('analyst');
  const surveysDir = resolve(deps.root, deps.config.surveysDir);
  const live = deps.liveIndex ?? new LiveIndex(deps.db, computeHere(deps.db), deps.config.indexCacheEntries);

  const common = (req: Request, survey: Survey, resolved: ResolvedRun | null, page: string) => {
    const lang = langOf(req);
    const query = resolved ? filterQuery(resolved.filters, lang) : new URLSearchParams(lang === 'en' ? { lang } : {});
    return {
      lang,
      t: translator(lang),
      survey: { id: survey.id, version: survey.version, title: survey.definition.title[lang], places63: survey.places.id === 'provinces-63' },
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

  router.get('/analysis/:survey/ranking', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, req.query, deps.now());
    const lang = langOf(req);
    const query = filterQuery(resolved.filters, lang);
    // Profiles are of the survey's own provinces: none for provinces reported on the 34.
    const byProvince = resolved.filters.by === 'province' && resolved.filters.places === 'own';
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
      designLabel: designLabel(survey, lang),
      exportQuery: query.toString(),
    });
  });

  router.get('/analysis/:survey/province/:code', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const code = String(req.params.code);
    const lang = langOf(req);
    const place = survey.places.byCode.get(code);
    if (!place) throw notFound('There is no province with this code in the survey’s list.');
    // The profile compares provinces: its main run is always by province.
    // Its province is one of the survey's own list: the profile is never remapped to the 34.
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, { ...req.query, by: 'province', places: 'own' }, deps.now());
    const choice = resolved.choices.find((c) => c.id === resolved.filters.weights);
    const breakdowns = await Promise.all(
      breakdownNames(survey).map(async (name) => {
        const variable = survey.byCode.get((survey.definition.variables as Record<string, string | undefined>)[name] ?? name);
        const request = {
          by: name,
          provinces: [code],
          ...(choice?.request ?? {}),
          includeOpen: resolved.filters.open,
          ...(resolved.filters.design === 'none' ? { strata: NO_DESIGN, cluster: NO_DESIGN } : {}),
        };
        return { name, label: variable?.label ?? { vi: name, en: name }, results: (await runLive(live, survey, request, deps.now())).results };
      }),
    );
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
    const view: FieldworkView = {
      counts: fieldworkCounts(
        survey.places,
        {
          batches: batchCounts(deps.db, survey.id),
          responses: responseCounts(deps.db, survey.id),
          keyed: keyedCounts(deps.db, survey.id),
          quarantined: quarantineCounts(deps.db, survey.id, survey.definition.variables.province),
          conflicts: openConflictCounts(deps.db, survey.id),
        },
        lang,
      ),
      nonresponse: nonresponseSection(provinceNonresponse(deps.db, survey), survey.version, lang),
    };
    const sample = sampleView(survey.places, sampleAccounting(batchSampleCounts(deps.db, survey.id)), openAnswerCounts(deps.db, survey.id), lang);
    res.render('analysis/fieldwork', { ...common(req, survey, null, 'fieldwork'), view, sample });
  });

  router.get('/analysis/:survey/method', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, req.query, deps.now());
    res.render('analysis/method', { ...common(req, survey, resolved, 'method'), view: methodView(resolved.run.stamp, langOf(req)) });
  });

  const exportIndex = async (req: Request, res: Response, format: 'csv' | 'xlsx' | 'json'): Promise<void> => {
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
  };
  router.get('/analysis/:survey/export.csv', analyst, (req, res) => exportIndex(req, res, 'csv'));
  router.get('/analysis/:survey/export.xlsx', analyst, (req, res) => exportIndex(req, res, 'xlsx'));
  router.get('/analysis/:survey/export.json', analyst, (req, res) => exportIndex(req, res, 'json'));

  return router;
}
