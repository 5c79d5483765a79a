import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { forbidden, notFound, unprocessable } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { auditHistory } from '../audit/audit-repository.js';
import { canSeeProvince, provinceScope } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Problem } from '../rules/check-answers.js';
import { provinceProgress } from './batch-progress.js';
import { disagreementRows } from './disagreement-view.js';
import { keyerStatistics } from './keyer-statistics.js';
import { entryFacts, findBatchByName, insertKeyingBatch, listKeyingBatches, listOpenDisagreementForms, updateBatchCounts } from './keying-repository.js';
import { batchFor, userOf } from './keying-entry-routes.js';
import { loadFormDisagreements, resolveFormDisagreements } from './resolve-disagreements.js';
import { recordAudit } from '../audit/audit-repository.js';
import { langOf, translator } from '../../i18n/lang.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import { actionLabel } from '../staff/value-labels.js';
import { textsIn } from '../../i18n/texts.js';
import { keyingPageTexts } from './keying-page-texts.js';

const count = z.union([z.literal('').transform(() => null), z.coerce.number().int().min(0).max(10_000_000)]);
const NewBatchBody = z.object({
  survey: z.string().max(100).default(''),
  name: z.string().trim().max(200).default(''),
  province: z.string().trim().max(10).default(''),
  expected: count.default(null),
  received: count.default(null),
  verify: z.string().optional(),
});
const CountsBody = z.object({ expected: count.default(null), received: count.default(null) });
const SerialParams = z.object({ survey: z.string().max(100), serial: z.string().max(40) });
const ResolveBody = z.record(z.string(), z.string().max(1000));

/** Supervisor pages: batches, disagreements, keyer statistics and the national progress page. */
export function keyingSupervisorRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;
  const supervisor = requireRole('supervisor');

  const renderNewBatch = (req: Request, res: Response, status: number, values: Record<string, string>, errors: Record<string, string>) => {
    const lang = langOf(req);
    const surveys = surveysNewestFirst(deps.surveys.byId.values()).map((s) => ({ id: s.id, title: s.definition.title[lang], places: s.places.places }));
    res.status(status).render('keying/new-batch', { lang, t: textsIn(keyingPageTexts, lang), surveys, values, errors, csrf: csrfToken(req, res, secure) });
  };

  router.get('/keying/batches/new', supervisor, (req, res) => renderNewBatch(req, res, 200, { verify: '' }, {}));

  router.post('/keying/batches', supervisor, verifyCsrf, (req, res) => {
    const parsed = NewBatchBody.safeParse(req.body ?? {});
    const raw = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    const t = textsIn(keyingPageTexts, langOf(req));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] = t('notAValidValueA');
      return renderNewBatch(req, res, 422, raw, errors);
    }
    const body = parsed.data;
    const user = userOf(res);
    const survey = deps.surveys.byId.get(body.survey);
    const errors: Record<string, string> = {};
    if (!survey) errors.survey = t('chooseASurvey');
    if (body.name === '') errors.name = t('theBatchNameSendingPost');
    else if (survey && findBatchByName(deps.db, survey.id, body.name)) errors.name = t('aBatchWithThisName');
    if (survey && !survey.places.byCode.has(body.province)) errors.province = t('unknownProvinceCode');
    else if (!canSeeProvince(user, body.province)) errors.province = t('youDoNotWorkOn');
    if (Object.keys(errors).length > 0 || !survey) return renderNewBatch(req, res, 422, raw, errors);
    const at = deps.now();
    const batch = {
      surveyId: survey.id,
      name: body.name,
      province: body.province,
      expected: body.expected,
      received: body.received,
      requiresVerification: body.verify === 'on',
      createdBy: user.id,
      at,
    };
    const id = insertKeyingBatch(deps.db, batch);
    recordAudit(deps.db, { userId: user.id, name: user.username }, at, {
      action: 'batch.create',
      entity: 'batch',
      entityId: id,
      surveyId: survey.id,
      after: batch,
    });
    res.redirect(303, `/keying/batches/${id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  // Forms keep arriving after a batch is opened: the supervisor updates what was sent and received.
  router.post('/keying/batches/:id/counts', supervisor, verifyCsrf, (req, res) => {
    const { batch } = batchFor(deps, req, res);
    const parsed = CountsBody.safeParse(req.body ?? {});
    if (!parsed.success) throw unprocessable({ vi: 'Số dự kiến và số đã nhận là số nguyên từ 0.', en: 'Expected and received are whole numbers from 0.' });
    const user = userOf(res);
    updateBatchCounts(deps.db, batch.id, parsed.data);
    recordAudit(deps.db, { userId: user.id, name: user.username }, deps.now(), {
      action: 'batch.update',
      entity: 'batch',
      entityId: batch.id,
      surveyId: batch.surveyId,
      before: { expected: batch.expected, received: batch.received },
      after: parsed.data,
    });
    res.redirect(303, `/keying/batches/${batch.id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  router.get('/keying/disagreements', supervisor, (req, res) => {
    const lang = langOf(req);
    res.render('keying/disagreements', { lang, t: textsIn(keyingPageTexts, lang), forms: listOpenDisagreementForms(deps.db, provinceScope(userOf(res))) });
  });

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    choice: { picks: Record<string, string>; typed: Record<string, string> },
    problems: Problem[],
  ) => {
    const lang = langOf(req);
    const { survey: surveyId, serial } = SerialParams.parse(req.params);
    const survey = deps.surveys.byId.get(surveyId);
    if (!survey) throw notFound({ vi: 'Không có khảo sát này.', en: 'Unknown survey.' });
    const form = loadFormDisagreements(deps.db, survey.id, serial);
    if (!canSeeProvince(userOf(res), form.first.province))
      throw forbidden({ vi: 'Phiếu này thuộc một tỉnh ngoài phạm vi của bạn.', en: 'This form belongs to a province you do not work on.' });
    const rows = disagreementRows(survey, form.disagreements, choice, problems, lang);
    const trail = (form.first.responseId === null ? [] : auditHistory(deps.db, 'response', form.first.responseId)).map((a) => ({
      ...a,
      when: vietnamTime(a.at, true),
      actionLabel: actionLabel(a.action, lang),
    }));
    res
      .status(status)
      .render('keying/disagreement', { lang, t: translator(lang), survey, serial, rows, open: form.open.length, trail, csrf: csrfToken(req, res, secure) });
  };

  router.get('/keying/disagreements/:survey/:serial', supervisor, (req, res) => renderForm(req, res, 200, { picks: {}, typed: {} }, []));

  router.post('/keying/disagreements/:survey/:serial', supervisor, verifyCsrf, (req, res) => {
    const { survey: surveyId, serial } = SerialParams.parse(req.params);
    const survey = deps.surveys.byId.get(surveyId);
    if (!survey) throw notFound({ vi: 'Không có khảo sát này.', en: 'Unknown survey.' });
    const form = loadFormDisagreements(deps.db, survey.id, serial);
    if (!canSeeProvince(userOf(res), form.first.province))
      throw forbidden({ vi: 'Phiếu này thuộc một tỉnh ngoài phạm vi của bạn.', en: 'This form belongs to a province you do not work on.' });
    const body = ResolveBody.parse(req.body ?? {});
    const picks: Record<string, string> = {};
    const typed: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) {
      if (k.startsWith('pick_')) picks[k.slice(5)] = v;
      if (k.startsWith('typed_')) typed[k.slice(6)] = v;
    }
    const result = resolveFormDisagreements(deps.db, survey, userOf(res), serial, picks, typed, deps.now());
    if (!result.ok) return renderForm(req, res, 422, { picks, typed }, result.problems);
    res.redirect(303, `/keying/disagreements/${encodeURIComponent(survey.id)}/${encodeURIComponent(serial)}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  router.get('/keying/statistics', supervisor, (req, res) => {
    const lang = langOf(req);
    res.render('keying/statistics', {
      lang,
      t: textsIn(keyingPageTexts, lang),
      keyers: keyerStatistics(entryFacts(deps.db, { scope: provinceScope(userOf(res)) })),
    });
  });

  router.get('/keying/progress', requireRole('supervisor', 'analyst'), (req, res) => {
    const lang = langOf(req);
    const requested = typeof req.query.survey === 'string' ? req.query.survey : undefined;
    const survey = (requested ? deps.surveys.byId.get(requested) : undefined) ?? surveysNewestFirst(deps.surveys.byId.values())[0];
    if (!survey) throw notFound({ vi: 'Chưa có khảo sát nào được nạp.', en: 'No survey is loaded.' });
    const scope = provinceScope(userOf(res));
    const rows = listKeyingBatches(deps.db, scope, survey.id).map((b) => ({ ...b, batches: 1 }));
    const places = scope === null ? survey.places : { ...survey.places, places: survey.places.places.filter((p) => scope.includes(p.code)) };
    const progress = provinceProgress(places, rows, lang);
    const surveys = surveysNewestFirst(deps.surveys.byId.values()).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey.id }));
    res.render('keying/progress', { lang, t: textsIn(keyingPageTexts, lang), survey, surveys, ...progress });
  });

  return router;
}
