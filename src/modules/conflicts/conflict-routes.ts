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
import { conflictTexts, incomingAnswersOf, sideBySide } from './conflict-view.js';
import { incomingSurvey, loadConflict, resolveConflict, type SurveyLookup } from './resolve-conflict.js';
import { langOf, otherLang, type Lang } from '../../i18n/lang.js';
import { surveyKey } from '../definitions/survey-key.js';
import { UNUSABLE_REASON, unusableReasonText } from '../responses/incomplete-reason.js';
import { incompleteReasons, isIncompleteReason } from '../keying/keyed-form.js';
import type { Survey } from '../definitions/compile-survey.js';
/** The words for a stored incomplete_reason: the usability rule's reason, a keyer's reason, or the code. */
function reasonText(survey: Survey, code: string | null, lang: Lang): string | null {
  if (code === null) return null;
  if (code === UNUSABLE_REASON) return unusableReasonText(survey)[lang];
  return isIncompleteReason(code) ? incompleteReasons[code][lang] : code;
}

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

const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Supervisors' pages for paper serials that arrived twice: the open list, one conflict side by side, and its resolution. */
export function conflictRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;
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
    const texts = conflictTexts[lang];
    const params = (l: Lang) =>
      new URLSearchParams({ ...(l === 'en' ? { lang: 'en' } : {}), ...(survey ? { survey } : {}), ...(query.kind ? { kind: query.kind } : {}) }).toString();
    res.render('conflicts/index', {
      lang,
      total,
      limit: LIMIT,
      surveys: [...deps.surveys.byId.values()].map((s) => ({ id: s.id, title: s.definition.title[lang], selected: s.id === survey })),
      kinds: KINDS.map((k) => ({ value: k, label: texts.kinds[k], selected: k === query.kind })),
      items: items.map((c) => ({ ...c, kindLabel: texts.kinds[c.kind], channelLabel: texts.channels[c.incomingChannel], created: when(c.createdAt) })),
      otherHref: `/conflicts?${params(otherLang(lang))}`,
    });
  });

  const load = (req: Request, res: Response): Conflict => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) throw notFound('There is no conflict with this number, or it is not yours to see.');
    return loadConflict(deps.db, signedInUser(res), id.data);
  };

  const renderShow = (req: Request, res: Response, c: Conflict, problems: readonly Problem[]): void => {
    const lang = langOf(req);
    const incomingDef = incomingSurvey(surveys, c);
    const response = c.responseId === null ? null : findResponse(deps.db, c.responseId);
    const storedDef = response ? surveys(response.surveyId, response.surveyVersion) : undefined;
    const stored = response && storedDef ? unpackAnswers(storedDef, response.codes, response.values) : {};
    const rows = sideBySide(storedDef ?? incomingDef, stored, incomingAnswersOf(incomingDef, c.incoming), lang);
    const texts = conflictTexts[lang];
    res.render('conflicts/show', {
      lang,
      csrf: csrfToken(req, res, secure),
      c,
      kindLabel: texts.kinds[c.kind],
      kindHelp: c.kind === 'code_province' || c.kind === 'serial_not_issued' ? texts.help[c.kind] : null,
      channelLabel: texts.channels[c.incomingChannel],
      resolutionLabel: c.resolution === 'keep' || c.resolution === 'replace' ? texts.resolutions[c.resolution] : c.resolution,
      surveyTitle: incomingDef.definition.title[lang],
      response,
      rows,
      differing: rows.filter((r) => r.differs).length,
      enteredBy: c.incoming.enteredBy,
      incompleteReason: reasonText(incomingDef, c.incoming.incompleteReason, lang),
      created: when(c.createdAt),
      resolved: c.resolvedAt === null ? null : when(c.resolvedAt),
      canReplace: response !== null && response.status !== 'deleted',
      problems: problems.map((p) => ({ code: p.code, message: p.message[lang] })),
      done: req.query.done === 'keep' || req.query.done === 'replace' ? texts.resolutions[req.query.done] : null,
      otherHref: `/conflicts/${c.id}?lang=${otherLang(lang)}`,
    });
  };

  router.get('/conflicts/:id', supervisor, (req, res) => {
    renderShow(req, res, load(req, res), []);
  });

  router.post('/conflicts/:id/resolve', supervisor, verifyCsrf, (req, res) => {
    const c = load(req, res);
    const body = ResolveBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest('Choose "keep" or "replace".');
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
