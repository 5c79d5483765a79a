import { Router } from 'express';
import { resolve } from 'node:path';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../http/app-error.js';
import { requireRole } from '../auth/require-role.js';
import { resolveRun } from './analysis-run.js';
import { listSurveyWaves } from '../results/published-run-repository.js';
import { otherLangHref, surveyOf } from './analysis-page.js';
import { commonLocals, fieldworkLocals, provinceLocals, rankingLocals } from './analysis-pages-view.js';
import { sendIndexExport } from './index-export.js';
import { computeHere, LiveIndex, liveIndexOptions } from './live-index.js';
import { keptBody, renderToString } from './kept-pages.js';
import { methodView } from './method-view.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { langOf } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { analysisTexts } from './analysis-texts.js';
import { methodPageTexts } from './method-texts.js';
import { surveyKey } from '../definitions/survey-key.js';
import { approvingDecision } from './method-sources.js';
import { waveLabel } from '../staff/value-labels.js';

/**
 * Results pages for analysts (admin passes). The aggregated ranking of all provinces is public
 * information, so every analyst sees it; microdata is scoped (see exports/microdata-routes.ts).
 */
export function analysisRouter(deps: AppDeps): Router {
  const router = Router();
  const analyst = requireRole('analyst');
  const surveysDir = resolve(deps.root, deps.config.surveysDir);
  const live = deps.liveIndex ?? new LiveIndex(deps.db, computeHere(deps.db), liveIndexOptions(deps.config, deps.now));
  const ctx = { deps, live, surveysDir };

  router.get('/analysis', analyst, (req, res) => {
    const lang = langOf(req);
    const surveys = surveysNewestFirst(deps.surveys.byId.values()).map((s) => ({
      id: s.id,
      title: s.definition.title[lang],
      waves: listSurveyWaves(deps.db, s.id)
        .map((w) => w.wave)
        .reverse(),
    }));
    res.render('analysis/index', { lang, t: textsIn(analysisTexts, lang), surveys, otherLangHref: otherLangHref(req, lang) });
  });

  router.get('/analysis/:survey', analyst, (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    res.redirect(303, `/analysis/${survey.id}/ranking${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  router.get('/analysis/:survey/ranking', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, req.query, deps.now());
    const body = await keptBody(resolved.run, req.originalUrl, () => renderToString(req.app, 'analysis/_ranking-body', rankingLocals(req, survey, resolved)));
    res.render('analysis/ranking', Object.assign(commonLocals(req, survey, resolved, 'ranking', analysisTexts), { body }));
  });

  router.get('/analysis/:survey/province/:code', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const code = String(req.params.code);
    if (!survey.places.byCode.has(code))
      throw notFound({ vi: 'Không có tỉnh nào mang mã này trong danh sách của khảo sát.', en: 'There is no province with this code in the survey’s list.' });
    // The profile compares provinces: its main run is always by province, one of the survey's own list (never remapped to the 34).
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, { ...req.query, by: 'province', places: 'own' }, deps.now());
    res.render('analysis/province', await provinceLocals(req, survey, code, resolved, live, deps.now()));
  });

  router.get('/analysis/:survey/fieldwork', analyst, (req, res) => {
    res.render('analysis/fieldwork', fieldworkLocals(req, deps.db, surveyOf(deps.surveys, req.params.survey)));
  });

  router.get('/analysis/:survey/method', analyst, async (req, res) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const resolved = await resolveRun(deps.db, live, survey, surveysDir, req.query, deps.now());
    res.render('analysis/method', {
      ...commonLocals(req, survey, resolved, 'method', methodPageTexts),
      view: methodView(
        resolved.run.stamp,
        langOf(req),
        approvingDecision(survey.definition.source),
        deps.surveys.byVersion.get(surveyKey(survey.id, resolved.run.stamp.survey.version))?.definition.scoring.note,
      ),
      waveLabel: waveLabel(resolved.filters.wave, langOf(req)),
    });
  });

  router.get('/analysis/:survey/export.csv', analyst, (req, res) => sendIndexExport(ctx, req, res, 'csv'));
  router.get('/analysis/:survey/export.xlsx', analyst, (req, res) => sendIndexExport(ctx, req, res, 'xlsx'));
  router.get('/analysis/:survey/export.json', analyst, (req, res) => sendIndexExport(ctx, req, res, 'json'));

  return router;
}
