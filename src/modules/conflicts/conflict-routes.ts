import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { badRequest, notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { signedInUser, provinceScope } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import { unpackAnswers } from '../responses/pack-answers.js';
import { findResponse } from '../responses/response-repository.js';
import type { Problem } from '../rules/check-answers.js';
import { listConflicts, type Conflict, type ConflictKind } from './conflict-repository.js';
import { conflictTexts } from './conflict-texts.js';
import { incomingAnswersOf } from './conflict-view.js';
import { conflictListView, conflictPageView } from './conflict-page-view.js';
import { incomingSurvey, loadConflict, resolveConflict, type SurveyLookup } from './resolve-conflict.js';
import { langOf } from '../../i18n/lang.js';
import { surveyKey } from '../definitions/survey-key.js';
const KINDS = [
  'different_answers',
  'answered_online',
  'keyed_twice',
  'code_used',
  'code_province',
  'serial_not_issued',
] as const satisfies readonly ConflictKind[];
const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ListQuery = z.object({
  survey: z.string().max(100).optional().catch(undefined),
  kind: z.enum(KINDS).optional().catch(undefined),
});
const ResolveBody = z.object({ choice: z.enum(['keep', 'replace']) });
const LIMIT = 100;

/** Supervisors' pages for paper serials that arrived twice: the open list, one conflict side by side, and its resolution. */
export function conflictRouter(deps: AppDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const surveys: SurveyLookup = (id, version) => (version ? deps.surveys.byVersion.get(surveyKey(id, version)) : undefined) ?? deps.surveys.byId.get(id);

  router.get('/conflicts', supervisor, (req, res) => {
    const lang = langOf(req);
    const query = ListQuery.parse(req.query);
    const survey = query.survey && deps.surveys.byId.has(query.survey) ? query.survey : undefined;
    const { items, total } = listConflicts(deps.db, provinceScope(signedInUser(res)), {
      open: true,
      limit: LIMIT,
      ...(survey ? { surveyId: survey } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    });
    res.render(
      'conflicts/index',
      conflictListView({
        lang,
        surveys: deps.surveys.byId.values(),
        survey,
        kinds: KINDS,
        kind: query.kind,
        items,
        total,
        limit: LIMIT,
        surveyOf: (id) => deps.surveys.byId.get(id),
      }),
    );
  });

  const load = (req: Request, res: Response): Conflict => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) throw notFound(conflictTexts.noSuchConflict);
    return loadConflict(deps.db, signedInUser(res), id.data);
  };

  const renderShow = (req: Request, res: Response, c: Conflict, problems: readonly Problem[]): void => {
    const lang = langOf(req);
    const incomingDef = incomingSurvey(surveys, c);
    const response = c.responseId === null ? null : findResponse(deps.db, c.responseId);
    const storedDef = response ? surveys(response.surveyId, response.surveyVersion) : undefined;
    const stored = response && storedDef ? unpackAnswers(storedDef, response.codes, response.values) : {};
    const csrf = csrfToken(req, res, deps.config.secureCookies);
    const incoming = incomingAnswersOf(incomingDef, c.incoming);
    const view = { lang, csrf, conflict: c, incomingSurvey: incomingDef, incoming, response, storedSurvey: storedDef, stored, problems, done: req.query.done };
    res.render('conflicts/show', conflictPageView(view));
  };

  router.get('/conflicts/:id', supervisor, (req, res) => {
    renderShow(req, res, load(req, res), []);
  });

  router.post('/conflicts/:id/resolve', supervisor, verifyCsrf, (req, res) => {
    const c = load(req, res);
    const body = ResolveBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(conflictTexts.chooseKeepOrReplace);
    const result = resolveConflict(deps.db, surveys, signedInUser(res), c.id, body.data.choice, deps.now());
    if (!result.ok) {
      res.status(422);
      renderShow(req, res, c, result.problems);
      return;
    }
    res.redirect(303, `/conflicts/${c.id}?done=${body.data.choice}${langOf(req) === 'en' ? '&lang=en' : ''}`);
  });

  return router;
}
