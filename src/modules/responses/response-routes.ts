import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { conflict, forbidden, notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { recordAudit, responseHistory } from '../audit/audit-repository.js';
import { responseScope, roles, signedInUser, type CurrentUser, type Role } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { deleteResponse, editResponse } from './change-response.js';
import { unpackAnswers } from './pack-answers.js';
import { findResponseScoped, listResponsesScoped, type StoredResponse } from './response-repository.js';
import { doneNotice, responseListView, responsePageView, statusInWords, SUPERVISING } from './response-page-view.js';
import { answerRows, fieldName, readEditForm } from './response-view.js';
import { keepIdentities, maskedHistory } from './identity-mask.js';
import { langOf } from '../../i18n/lang.js';
import { surveyKey } from '../definitions/survey-key.js';
import { identitiesRequest } from '../auth/identities-request.js';
import { actionLabel } from '../staff/value-labels.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ListQuery = z.object({
  survey: z.string().max(100).optional().catch(undefined),
  serial: z.string().trim().max(100).optional().catch(undefined),
});
const ChangeBody = z.object({ reason: z.string().trim().max(500).default('') }).loose();

/** GET /responses (the list), one response, its history, edit and soft delete. */
export function responseRouter(deps: AppDeps): Router {
  const router = Router();
  const ctx = responseContext(deps);
  readRoutes(router, deps, ctx);
  changeRoutes(router, deps, ctx);
  return router;
}

type ResponseContext = ReturnType<typeof responseContext>;

/** What every response route needs: the response's survey, the response in the URL within the user's scope, the page's common view. */
function responseContext(deps: AppDeps) {
  const surveyOf = (r: StoredResponse): Survey => {
    const survey = deps.surveys.byVersion.get(surveyKey(r.surveyId, r.surveyVersion));
    if (!survey)
      throw notFound({
        vi: `Định nghĩa ${r.surveyId} ${r.surveyVersion} chưa được nạp.`,
        en: `The definition ${r.surveyId} ${r.surveyVersion} is not loaded.`,
      });
    return survey;
  };

  /**
   * The scope is applied first, the role second: a response outside the scope is 404 for
   * everyone, so only responses a user may already see can answer 403.
   */
  const load = (req: Request, res: Response, allowed: readonly Role[] | 'any'): { user: CurrentUser; response: StoredResponse } => {
    const user = signedInUser(res);
    const id = Id.safeParse(req.params.id);
    const response = id.success ? findResponseScoped(deps.db, id.data, responseScope(user)) : null;
    if (!response)
      throw notFound({ vi: 'Không có phiếu nào mang số này trong phạm vi của bạn.', en: 'There is no response with this number, or it is not yours to see.' });
    if (allowed !== 'any' && user.role !== 'admin' && !allowed.includes(user.role)) throw forbidden();
    return { user, response };
  };

  const page = (req: Request, res: Response, response: StoredResponse) =>
    responsePageView({
      lang: langOf(req),
      path: req.path,
      csrf: csrfToken(req, res, deps.config.secureCookies),
      response,
      survey: surveyOf(response),
      role: signedInUser(res).role,
    });

  return { surveyOf, load, page, signedIn: requireRole(...roles) };
}

/** The list, one response (identities hidden unless an administrator asks), its history. */
function readRoutes(router: Router, deps: AppDeps, { surveyOf, load, page, signedIn }: ResponseContext): void {
  router.get('/responses', signedIn, (req, res) => {
    const query = ListQuery.parse(req.query);
    const survey = query.survey && deps.surveys.byId.has(query.survey) ? query.survey : '';
    const serial = query.serial ?? '';
    const items = listResponsesScoped(deps.db, responseScope(signedInUser(res)), {
      surveyId: survey || undefined,
      serialPrefix: serial || undefined,
      limit: 50,
    });
    res.render(
      'responses/list',
      responseListView({ lang: langOf(req), surveys: deps.surveys.byId.values(), survey, serial, items, surveyOf: (id) => deps.surveys.byId.get(id) }),
    );
  });

  router.get('/responses/:id', signedIn, (req, res) => {
    const { user, response } = load(req, res, 'any');
    const survey = surveyOf(response);
    const identities = identitiesRequest(user, req.query);
    if (identities) {
      recordAudit(deps.db, { userId: user.id, name: user.username }, deps.now(), {
        action: 'identities.view',
        entity: 'response',
        entityId: response.id,
        surveyId: response.surveyId,
        detail: { reason: identities.reason },
      });
    }
    const answers = unpackAnswers(survey, response.codes, response.values);
    res.render(
      'responses/show',
      Object.assign(page(req, res, response), {
        rows: answerRows(survey, answers, langOf(req), [], identities === null),
        notice: doneNotice(req.query.done, langOf(req)),
      }),
    );
  });

  router.get('/responses/:id/history', signedIn, (req, res) => {
    const { user, response } = load(req, res, SUPERVISING);
    const entries = maskedHistory(responseHistory(deps.db, response.id, responseScope(user)), surveyOf(response));
    const lang = langOf(req);
    const shown = entries.map((e) => ({
      ...e,
      before: statusInWords(e.before, lang),
      after: statusInWords(e.after, lang),
      when: vietnamTime(e.at, true),
      actionLabel: actionLabel(e.action, lang),
    }));
    res.render('responses/history', Object.assign(page(req, res, response), { entries: shown }));
  });
}

/** Edit and soft delete, by a supervisor or an administrator, with a reason the audit trail keeps. */
function changeRoutes(router: Router, deps: AppDeps, { surveyOf, load, page, signedIn }: ResponseContext): void {
  const renderEdit = (req: Request, res: Response, response: StoredResponse, answers: Answers, problems: readonly Problem[], reason: string): void => {
    const survey = surveyOf(response);
    // Identifying answers are never on the edit page, for anyone (the save keeps them as stored).
    const rows = answerRows(survey, keepIdentities(survey, unpackAnswers(survey, response.codes, response.values), answers), langOf(req), problems, true);
    res.render('responses/edit', Object.assign(page(req, res, response), { rows, fieldName, reason, hasErrors: problems.length > 0 }));
  };

  router.get('/responses/:id/edit', signedIn, (req, res) => {
    const { response } = load(req, res, SUPERVISING);
    if (response.status === 'deleted')
      throw conflict('response_deleted', { vi: 'Phiếu này đã bị xóa; không thể sửa nữa.', en: 'This response is deleted; it can no longer be edited.' });
    renderEdit(req, res, response, unpackAnswers(surveyOf(response), response.codes, response.values), [], '');
  });

  router.post('/responses/:id/edit', signedIn, verifyCsrf, (req, res) => {
    const { user, response } = load(req, res, SUPERVISING);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { reason } = ChangeBody.parse(body);
    const answers = readEditForm(surveyOf(response), body);
    const result = editResponse(deps.db, surveyOf, user, response.id, answers, reason, deps.now());
    if (!result.ok) {
      res.status(422);
      renderEdit(req, res, response, answers, result.problems, reason);
      return;
    }
    res.redirect(303, `/responses/${response.id}?lang=${langOf(req)}&done=${result.changed ? 'saved' : 'unchanged'}`);
  });

  router.post('/responses/:id/delete', signedIn, verifyCsrf, (req, res) => {
    const { user, response } = load(req, res, SUPERVISING);
    const { reason } = ChangeBody.parse(req.body ?? {});
    deleteResponse(deps.db, user, response.id, reason, deps.now());
    res.redirect(303, `/responses/${response.id}?lang=${langOf(req)}&done=deleted`);
  });
}
