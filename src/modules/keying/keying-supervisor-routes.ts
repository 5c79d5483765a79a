import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { forbidden, notFound, unprocessable } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { auditHistory } from '../audit/audit-repository.js';
import { canSeeProvince, provinceScope, signedInUser } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Problem } from '../rules/check-answers.js';
import { agreedRows, disagreementRows } from './disagreement-view.js';
import { keyerStatistics } from './keyer-statistics.js';
import { entryFacts, findBatchByName, listKeyingBatches, listOpenDisagreementForms, updateBatchCounts } from './keying-repository.js';
import { batchFor } from './keying-entry-routes.js';
import { badValueErrors, keepLang, newBatchErrors, newBatchView, progressView, readResolution, typedValues } from './keying-supervisor-view.js';
import { openKeyingBatch } from './open-keying-batch.js';
import { loadFormDisagreements, resolveFormDisagreements } from './resolve-disagreements.js';
import { recordAudit } from '../audit/audit-repository.js';
import { langOf } from '../../i18n/lang.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';
import { actionLabel } from '../staff/value-labels.js';
import { surveyKey } from '../definitions/survey-key.js';
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
  batchRoutes(router, deps);
  disagreementRoutes(router, deps);
  overviewRoutes(router, deps);
  return router;
}

/** Opening a batch of returned forms and updating its counts. */
function batchRoutes(router: Router, deps: AppDeps): void {
  const supervisor = requireRole('supervisor');

  const renderNewBatch = (req: Request, res: Response, status: number, values: Record<string, string>, errors: Record<string, string>) =>
    res
      .status(status)
      .render('keying/new-batch', newBatchView(langOf(req), deps.surveys.byId.values(), values, errors, csrfToken(req, res, deps.config.secureCookies)));

  router.get('/keying/batches/new', supervisor, (req, res) => renderNewBatch(req, res, 200, { verify: '' }, {}));

  router.post('/keying/batches', supervisor, verifyCsrf, (req, res) => {
    const lang = langOf(req);
    const parsed = NewBatchBody.safeParse(req.body ?? {});
    if (!parsed.success)
      return renderNewBatch(
        req,
        res,
        422,
        typedValues(req.body),
        badValueErrors(
          parsed.error.issues.map((i) => i.path[0] ?? ''),
          lang,
        ),
      );
    const body = parsed.data;
    const user = signedInUser(res);
    const survey = deps.surveys.byId.get(body.survey);
    const nameTaken = survey !== undefined && findBatchByName(deps.db, survey.id, body.name) !== null;
    const errors = newBatchErrors({ survey, name: body.name, province: body.province, nameTaken, mayWorkOn: canSeeProvince(user, body.province) }, lang);
    if (Object.keys(errors).length > 0 || !survey) return renderNewBatch(req, res, 422, typedValues(req.body), errors);
    const { name, province, expected, received } = body;
    const id = openKeyingBatch(
      deps.db,
      user,
      { surveyId: survey.id, name, province, expected, received, requiresVerification: body.verify === 'on' },
      deps.now(),
    );
    res.redirect(303, `/keying/batches/${id}${keepLang(lang)}`);
  });

  // Forms keep arriving after a batch is opened: the supervisor updates what was sent and received.
  router.post('/keying/batches/:id/counts', supervisor, verifyCsrf, (req, res) => {
    const { batch } = batchFor(deps, req, res);
    const parsed = CountsBody.safeParse(req.body ?? {});
    if (!parsed.success) throw unprocessable(keyingPageTexts.countsAreWholeNumbers);
    const user = signedInUser(res);
    updateBatchCounts(deps.db, batch.id, parsed.data);
    recordAudit(deps.db, { userId: user.id, name: user.username }, deps.now(), {
      action: 'batch.update',
      entity: 'batch',
      entityId: batch.id,
      surveyId: batch.surveyId,
      before: { expected: batch.expected, received: batch.received },
      after: parsed.data,
    });
    res.redirect(303, `/keying/batches/${batch.id}${keepLang(langOf(req))}`);
  });
}

/** The forms whose two entries disagree, and a supervisor settling one. */
function disagreementRoutes(router: Router, deps: AppDeps): void {
  const supervisor = requireRole('supervisor');

  router.get('/keying/disagreements', supervisor, (req, res) => {
    const lang = langOf(req);
    res.render('keying/disagreements', {
      lang,
      t: textsIn(keyingPageTexts, lang),
      forms: listOpenDisagreementForms(deps.db, provinceScope(signedInUser(res))),
    });
  });

  /** The form in the URL, if the supervisor works on its province. */
  const formFor = (req: Request, res: Response) => {
    const { survey: surveyId, serial } = SerialParams.parse(req.params);
    const newest = deps.surveys.byId.get(surveyId);
    if (!newest) throw notFound(keyingPageTexts.unknownSurvey);
    const form = loadFormDisagreements(deps.db, newest.id, serial);
    if (!canSeeProvince(signedInUser(res), form.first.province)) throw forbidden(keyingPageTexts.formOutsideScope);
    // The entries were packed in their own version's layout: read and resolve them in it, not in the newest.
    const survey = deps.surveys.byVersion.get(surveyKey(form.first.surveyId, form.first.surveyVersion)) ?? newest;
    return { survey, serial, form };
  };

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    choice: { picks: Record<string, string>; typed: Record<string, string> },
    problems: Problem[],
  ) => {
    const lang = langOf(req);
    const { survey, serial, form } = formFor(req, res);
    const rows = disagreementRows(survey, form.disagreements, choice, problems, lang);
    const trail = (form.first.responseId === null ? [] : auditHistory(deps.db, 'response', form.first.responseId)).map((a) => ({
      ...a,
      when: vietnamTime(a.at, true),
      actionLabel: actionLabel(a.action, lang),
    }));
    res.status(status).render('keying/disagreement', {
      lang,
      t: textsIn(keyingPageTexts, lang),
      survey,
      serial,
      rows,
      others: agreedRows(survey, form.first, form.disagreements, lang),
      open: form.open.length,
      trail,
      csrf: csrfToken(req, res, deps.config.secureCookies),
    });
  };

  router.get('/keying/disagreements/:survey/:serial', supervisor, (req, res) => renderForm(req, res, 200, { picks: {}, typed: {} }, []));

  router.post('/keying/disagreements/:survey/:serial', supervisor, verifyCsrf, (req, res) => {
    const { survey, serial } = formFor(req, res);
    const { picks, typed } = readResolution(ResolveBody.parse(req.body ?? {}));
    const result = resolveFormDisagreements(deps.db, survey, signedInUser(res), serial, picks, typed, deps.now());
    if (!result.ok) return renderForm(req, res, 422, { picks, typed }, result.problems);
    res.redirect(303, `/keying/disagreements/${encodeURIComponent(survey.id)}/${encodeURIComponent(serial)}${keepLang(langOf(req))}`);
  });
}

/** Keyer statistics and the national progress page. */
function overviewRoutes(router: Router, deps: AppDeps): void {
  const supervisor = requireRole('supervisor');

  router.get('/keying/statistics', supervisor, (req, res) => {
    const lang = langOf(req);
    const keyers = keyerStatistics(entryFacts(deps.db, { scope: provinceScope(signedInUser(res)) }));
    res.render('keying/statistics', { lang, t: textsIn(keyingPageTexts, lang), keyers });
  });

  router.get('/keying/progress', requireRole('supervisor', 'analyst'), (req, res) => {
    const requested = typeof req.query.survey === 'string' ? req.query.survey : undefined;
    const survey = (requested ? deps.surveys.byId.get(requested) : undefined) ?? surveysNewestFirst(deps.surveys.byId.values())[0];
    if (!survey) throw notFound(keyingPageTexts.noSurveyLoaded);
    const scope = provinceScope(signedInUser(res));
    const batches = listKeyingBatches(deps.db, scope, survey.id);
    res.render('keying/progress', progressView(langOf(req), survey, deps.surveys.byId.values(), scope, batches));
  });
}
