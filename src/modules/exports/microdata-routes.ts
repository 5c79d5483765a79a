import { Router, type Request, type Response } from 'express';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { badRequest, forbidden, notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { currentUser, provinceScope } from '../auth/current-user.js';
import { identitiesRequest } from '../auth/identities-request.js';
import { requireRole } from '../auth/require-role.js';
import { navLinks, otherLangHref, surveyOf } from '../analysis/analysis-page.js';
import { weightingChoices } from '../analysis/weighting-choices.js';
import { microdataColumns } from './microdata-columns.js';
import { contentType, exportProvinces, microdataFileName, microdataFiles, microdataText, stampLine, type MicrodataFile } from './microdata-files.js';
import { exportDesign } from './microdata-weights.js';
import { writeMicrodataCsv } from './stream-microdata.js';
import { langOf } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { analysisTexts } from '../analysis/analysis-texts.js';

const ProvinceCode = z.string().regex(/^[0-9A-Za-z]{1,8}$/);
const Provinces = z
  .union([ProvinceCode, z.array(ProvinceCode).max(100)])
  .optional()
  .transform((v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v));

/**
 * Microdata downloads for the analyst's scope: the CSV (streamed), its codebook and the SPSS,
 * Stata and R scripts that read it. A province analyst asking for another province gets 403;
 * the scope is also the repository's WHERE clause, so nothing outside it is ever read.
 */
export function microdataRouter(deps: AppDeps): Router {
  const router = Router();
  const analyst = requireRole('analyst');
  const surveysDir = resolve(deps.root, deps.config.surveysDir);

  const request = (req: Request, res: Response) => {
    const survey = surveyOf(deps.surveys, req.params.survey);
    const user = currentUser(res)!;
    const scope = provinceScope(user);
    const parsed = Provinces.safeParse(req.query.province);
    if (!parsed.success) throw badRequest({ vi: 'Mã tỉnh gồm chữ và số, ví dụ province=01.', en: 'Province codes are letters and digits, e.g. province=01.' });
    const allowed = exportProvinces(scope, parsed.data);
    if (!allowed.ok)
      throw forbidden({
        vi: `Bạn chỉ được xuất dữ liệu của tỉnh mình (${scope?.join(', ')}); không được xuất ${allowed.outside.join(', ')}.`,
        en: `You may export only your own province's data (${scope?.join(', ')}); not ${allowed.outside.join(', ')}.`,
      });
    const weights = typeof req.query.weights === 'string' && req.query.weights !== '' ? req.query.weights : 'none';
    const choice = weightingChoices(surveysDir, survey.id).find((c) => c.id === weights);
    if (!choice) throw badRequest({ vi: `Không có cách gia trọng “${weights}”.`, en: `Unknown weighting "${weights}".` });
    const identities = identitiesRequest(user, req.query);
    return { survey, user, scope, provinces: allowed.provinces, choice, lang: langOf(req), identities };
  };

  router.get('/analysis/:survey/microdata', analyst, (req, res) => {
    const { survey, scope, choice, lang } = request(req, res);
    const choices = weightingChoices(surveysDir, survey.id);
    const provinces = survey.places.places
      .filter((p) => scope === null || scope.includes(p.code))
      .map((p) => ({ code: p.code, name: lang === 'vi' ? p.nameVi : p.nameEn }));
    const query = new URLSearchParams(lang === 'en' ? { lang } : {});
    res.render('analysis/microdata', {
      lang,
      t: textsIn(analysisTexts, lang),
      survey: { id: survey.id, version: survey.version, title: survey.definition.title[lang] },
      nav: navLinks(survey.id, query, lang, 'microdata'),
      otherLangHref: otherLangHref(req, lang),
      scope,
      provinces,
      choices: choices.map((c) => ({ id: c.id, label: c.label[lang], selected: c.id === choice.id })),
      files: microdataFiles.map((f) => ({ id: f, name: microdataFileName(survey, f) })),
      query: new URLSearchParams(req.query as Record<string, string>).toString(),
    });
  });

  router.get('/analysis/:survey/microdata/:file', analyst, async (req, res) => {
    const file = req.params.file as MicrodataFile;
    if (!microdataFiles.includes(file)) throw notFound({ vi: 'Không có tệp xuất này.', en: 'There is no such export file.' });
    const { survey, user, provinces, choice, lang, identities } = request(req, res);
    const at = deps.now();
    const design = file === 'data.csv' ? exportDesign(deps.db, survey, choice.request, provinces) : { kind: choice.kind, weights: null, strata: null };
    const columns = microdataColumns(survey, { weight: choice.kind !== 'none', stratum: choice.kind === 'design', identities: identities !== null });
    recordAudit(deps.db, { userId: user.id, name: user.username }, at, {
      action: 'export',
      entity: 'export',
      surveyId: survey.id,
      detail: { kind: 'microdata', file, provinces, weighting: choice.id, lang, ...(identities ? { identities: true, reason: identities.reason } : {}) },
    });
    res.attachment(microdataFileName(survey, file)).type(contentType(file));
    if (file !== 'data.csv') {
      res.send(microdataText(survey, columns, file, lang, stampLine({ survey, at, provinces, weighting: choice.id, lang })));
      return;
    }
    await writeMicrodataCsv(deps.db, survey, columns, res, { provinces, design });
    res.end();
  });

  return router;
}
