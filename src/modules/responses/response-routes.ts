import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { conflict, forbidden, notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { recordAudit, responseHistory } from '../audit/audit-repository.js';
import { currentUser, responseScope, roles, type CurrentUser, type Role } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { deleteResponse, editResponse } from './change-response.js';
import { unpackAnswers } from './pack-answers.js';
import { findResponseScoped, listResponsesScoped, type StoredResponse } from './response-repository.js';
import { responseTexts } from './response-texts.js';
import { answerRows, fieldName, readEditForm } from './response-view.js';
import { langOf, otherLang } from '../../i18n/lang.js';
import { surveyKey } from '../definitions/survey-key.js';
import { identitiesRequest } from '../auth/identities-request.js';
import { surveysNewestFirst } from '../definitions/newest-survey.js';
import { actionLabel, channelLabel, provinceLabel, statusLabel } from '../staff/value-labels.js';
import { textsIn } from '../../i18n/texts.js';
import { vietnamTime } from '../../i18n/vietnam-time.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ListQuery = z.object({
  survey: z.string().max(100).optional().catch(undefined),
  serial: z.string().trim().max(100).optional().catch(undefined),
});
const ChangeBody = z.object({ reason: z.string().trim().max(500).default('') }).loose();

/** Who may change responses and read their history. Reading one response: every role, within its scope. */
const SUPERVISING: Role[] = ['supervisor'];

/** GET /responses/:id, its history, edit and soft delete. */
export function responseRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;

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
    const user = currentUser(res)!;
    const id = Id.safeParse(req.params.id);
    const response = id.success ? findResponseScoped(deps.db, id.data, responseScope(user)) : null;
    if (!response)
      throw notFound({ vi: 'Không có phiếu nào mang số này trong phạm vi của bạn.', en: 'There is no response with this number, or it is not yours to see.' });
    if (allowed !== 'any' && user.role !== 'admin' && !allowed.includes(user.role)) throw forbidden();
    return { user, response };
  };

  const page = (req: Request, res: Response, response: StoredResponse, extra: Record<string, unknown> = {}) => {
    const lang = langOf(req);
    const survey = surveyOf(response);
    const user = currentUser(res)!;
    return {
      lang,
      t: textsIn(responseTexts, lang),
      csrf: csrfToken(req, res, secure),
      response,
      surveyTitle: survey.definition.title[lang],
      facts: {
        status: statusLabel(response.status, lang),
        channel: channelLabel(response.channel, lang),
        province: provinceLabel(survey.places, response.province, lang),
      },
      canChange: response.status !== 'deleted' && (user.role === 'admin' || SUPERVISING.includes(user.role)),
      canReadHistory: user.role === 'admin' || SUPERVISING.includes(user.role),
      otherHref: `${req.path}?lang=${otherLang(lang)}`,
      notice: null,
      ...extra,
    };
  };

  const signedIn = requireRole(...roles);

  router.get('/responses', signedIn, (req, res) => {
    const lang = langOf(req);
    const user = currentUser(res)!;
    const query = ListQuery.parse(req.query);
    const survey = query.survey && deps.surveys.byId.has(query.survey) ? query.survey : '';
    const serial = query.serial ?? '';
    const items = listResponsesScoped(deps.db, responseScope(user), {
      ...(survey ? { surveyId: survey } : {}),
      ...(serial ? { serialPrefix: serial } : {}),
      limit: 50,
    });
    res.render('responses/list', {
      lang,
      t: textsIn(responseTexts, lang),
      surveys: surveysNewestFirst(deps.surveys.byId.values()).map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey })),
      serial,
      items: items.map((r) => ({
        ...r,
        statusLabel: statusLabel(r.status, lang),
        updated: vietnamTime(r.updatedAt),
        channelLabel: channelLabel(r.channel, lang),
        provinceLabel: provinceLabel(deps.surveys.byId.get(r.surveyId)?.places, r.province, lang),
      })),
      otherHref: `/responses?${new URLSearchParams({ lang: otherLang(lang), ...(survey ? { survey } : {}), ...(serial ? { serial } : {}) }).toString()}`,
    });
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
    const done = req.query.done;
    const notice = done === 'saved' || done === 'unchanged' || done === 'deleted' ? responseTexts[done][langOf(req)] : null;
    res.render(
      'responses/show',
      page(req, res, response, {
        rows: answerRows(survey, unpackAnswers(survey, response.codes, response.values), langOf(req), [], identities === null),
        notice,
      }),
    );
  });

  router.get('/responses/:id/history', signedIn, (req, res) => {
    const { user, response } = load(req, res, SUPERVISING);
    const entries = responseHistory(deps.db, response.id, responseScope(user));
    const lang = langOf(req);
    const shown = entries.map((e) => ({ ...e, when: vietnamTime(e.at, true), actionLabel: actionLabel(e.action, lang) }));
    res.render('responses/history', page(req, res, response, { entries: shown }));
  });

  const renderEdit = (req: Request, res: Response, response: StoredResponse, answers: Answers, problems: readonly Problem[], reason: string): void => {
    const survey = surveyOf(response);
    res.render(
      'responses/edit',
      page(req, res, response, { rows: answerRows(survey, answers, langOf(req), problems), fieldName, reason, hasErrors: problems.length > 0 }),
    );
  };

  router.get('/responses/:id/edit', signedIn, (req, res) => {
    const { response } = load(req, res, SUPERVISING);
    if (response.status === 'deleted')
      throw conflict('response_deleted', { vi: 'Phiếu này đã bị xóa; không thể sửa nữa.', en: 'This response is deleted; it can no longer be edited.' });
    const survey = surveyOf(response);
    renderEdit(req, res, response, unpackAnswers(survey, response.codes, response.values), [], '');
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

  return router;
}
