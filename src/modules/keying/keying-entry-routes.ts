import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { forbidden, notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { canSeeProvince, signedInUser, provinceScope } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import { keyedFormProblems, readKeyedForm, type KeyedAnswers } from './keyed-form.js';
import { keyingScreen } from './keying-screen-view.js';
import { resolveKeyedPlaces, type KeyingTrees } from './keyed-places.js';
import { listBatchConflicts } from '../conflicts/conflict-repository.js';
import { findKeyingBatch, listAwaitingSecondEntry, listKeyingBatches, type Batch } from './keying-repository.js';
import { saveKeyedForm, type SaveOutcome } from './save-keyed-form.js';
import { langOf } from '../../i18n/lang.js';
import { provinceLabel } from '../staff/value-labels.js';
import { bothLangs, textsIn } from '../../i18n/texts.js';
import { conflictLabel, keyingPageTexts, saveMessage } from './keying-page-texts.js';

const BatchId = z.object({ id: z.coerce.number().int().positive() });
const FormBody = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v)),
);
const CheckBody = z.object({ answers: z.record(z.string(), z.string().max(1000)) });

/** The batch in the URL, if the user may work on its province, with its survey. */
export function batchFor(deps: AppDeps, req: Request, res: Response): { batch: Batch; survey: Survey } {
  const { id } = BatchId.parse(req.params);
  const batch = findKeyingBatch(deps.db, id);
  if (!batch) throw notFound(keyingPageTexts.noSuchBatch);
  if (!canSeeProvince(signedInUser(res), batch.province)) throw forbidden(keyingPageTexts.batchOutsideScope);
  const survey = deps.surveys.byId.get(batch.surveyId);
  if (!survey) throw notFound(bothLangs(keyingPageTexts, 'batchSurveyNotLoaded', { survey: batch.surveyId }));
  return { batch, survey };
}

/** The place trees when the survey has a coded place field below the province (read on first use). */
function treesFor(deps: AppDeps, survey: Survey): KeyingTrees | undefined {
  return survey.variables.some((v) => v.place !== undefined && v.place.parent !== null) ? deps.surveys.placeTrees?.get().trees : undefined;
}

/**
 * A keyed form with its place names resolved to codes; a name that matches no place or several is
 * the field's one problem (not also "not a province code").
 */
function readWithPlaces(survey: Survey, body: Record<string, string>, trees: KeyingTrees | undefined, batchProvince: string | null, asIfIncomplete = false) {
  const form = readKeyedForm(survey, body);
  const places = resolveKeyedPlaces(survey, form.answers, trees);
  const resolved = { ...form, answers: places.answers };
  const named = new Set(places.problems.map((p) => p.code));
  const problems = [
    ...places.problems,
    ...keyedFormProblems(survey, asIfIncomplete ? { ...resolved, reason: 'other' } : resolved, batchProvince).filter((p) => !named.has(p.code)),
  ];
  // What the screen shows again: the codes the names resolved to, and what was typed where nothing matched.
  const typed: Record<string, string> = { ...body };
  for (const v of survey.variables)
    if (v.place && !named.has(v.code) && typeof places.answers[v.code] === 'string') typed[v.code] = places.answers[v.code] as string;
  return { form: resolved, problems, typed };
}

/** The keying screen, the JSON check it calls when a field is left, and the batch pages. */
export function keyingEntryRouter(deps: AppDeps): Router {
  const router = Router();
  batchListRoutes(router, deps);
  screenRoutes(router, deps);
  return router;
}

/** The batches the user works on, and one batch's page: its counts, the forms awaiting a second entry, its conflicts. */
function batchListRoutes(router: Router, deps: AppDeps): void {
  const enumerator = requireRole('enumerator', 'supervisor');

  router.get('/keying', enumerator, (req, res) => {
    const lang = langOf(req);
    const user = signedInUser(res);
    const batches = listKeyingBatches(deps.db, provinceScope(user)).map((b) => ({
      ...b,
      provinceLabel: provinceLabel(deps.surveys.byId.get(b.surveyId)?.places, b.province, lang),
    }));
    res.render('keying/index', { lang, t: textsIn(keyingPageTexts, lang), batches, isSupervisor: user.role !== 'enumerator' });
  });

  router.get('/keying/batches/:id', enumerator, (req, res) => {
    const { batch, survey } = batchFor(deps, req, res);
    const lang = langOf(req);
    const counts = listKeyingBatches(deps.db, null, batch.surveyId).find((b) => b.id === batch.id);
    if (!counts) throw notFound(keyingPageTexts.noSuchBatch);
    const awaiting = listAwaitingSecondEntry(deps.db, batch.id);
    const conflicts = listBatchConflicts(deps.db, batch.id).map((c) => ({ ...c, kindLabel: conflictLabel(c.kind, lang) }));
    res.render('keying/batch', {
      lang,
      t: textsIn(keyingPageTexts, lang),
      batch: counts,
      provinceLabel: provinceLabel(survey.places, batch.province, lang),
      survey,
      awaiting,
      conflicts,
      userId: signedInUser(res).id,
      csrf: csrfToken(req, res, deps.config.secureCookies),
      isSupervisor: signedInUser(res).role !== 'enumerator',
    });
  });
}

/** The keying screen, the save, and the check the screen's script calls when a field is left. */
function screenRoutes(router: Router, deps: AppDeps): void {
  const enumerator = requireRole('enumerator', 'supervisor');

  const renderScreen = (
    req: Request,
    res: Response,
    status: number,
    ctx: { batch: Batch; survey: Survey },
    typed: Record<string, unknown>,
    answers: KeyedAnswers,
    problems: Parameters<typeof keyingScreen>[3],
    reason: string | null,
    message: string | null,
  ) => {
    const lang = langOf(req);
    const screen = keyingScreen(ctx.survey, typed, answers, problems, reason, lang, treesFor(deps, ctx.survey));
    const startedAt = typeof typed.started_at === 'string' && /^\d{1,15}$/.test(typed.started_at) ? typed.started_at : String(deps.now());
    res.status(status).render('keying/entry', {
      lang,
      t: textsIn(keyingPageTexts, lang),
      batch: ctx.batch,
      survey: ctx.survey,
      title: ctx.survey.definition.title[lang],
      screen,
      csrf: csrfToken(req, res, deps.config.secureCookies),
      startedAt,
      message,
    });
  };

  router.get('/keying/batches/:id/entry', enumerator, (req, res) => {
    const ctx = batchFor(deps, req, res);
    const outcome = typeof req.query.outcome === 'string' ? req.query.outcome : null;
    const last = typeof req.query.last === 'string' ? req.query.last.slice(0, 40) : '';
    renderScreen(req, res, 200, ctx, {}, {}, [], null, outcome ? saveMessage(outcome, last, langOf(req)) : null);
  });

  router.post('/keying/batches/:id/entry', enumerator, verifyCsrf, (req, res) => {
    const ctx = batchFor(deps, req, res);
    const body = FormBody.parse(req.body ?? {});
    const { form, problems, typed } = readWithPlaces(ctx.survey, body, treesFor(deps, ctx.survey), ctx.batch.province);
    if (problems.length > 0) return renderScreen(req, res, 422, ctx, typed, form.answers, problems, form.reason, null);
    const now = deps.now();
    const started = Number(body.started_at);
    // The start time comes back from the page: trust it only within the last two hours.
    const startedAt = Number.isFinite(started) && started <= now && started >= now - 7_200_000 ? started : now;
    const outcome = saveKeyedForm(deps.db, ctx.survey, ctx.batch, signedInUser(res), form, startedAt, now, (version) =>
      deps.surveys.byVersion.get(`${ctx.survey.id}@${version}`),
    );
    res.redirect(
      303,
      `/keying/batches/${ctx.batch.id}/entry?outcome=${outcomeCode(outcome)}&last=${encodeURIComponent(form.serial)}${langOf(req) === 'en' ? '&lang=en' : ''}`,
    );
  });

  // Called by the screen's script when a field is left: the same checks as the save, minus
  // "required" (the keyer has not reached the later fields yet).
  router.post('/keying/batches/:id/check', enumerator, verifyCsrf, (req, res) => {
    const ctx = batchFor(deps, req, res);
    const { answers: typed } = CheckBody.parse(req.body ?? {});
    const lang = langOf(req);
    // As if saved incomplete: every check of the save except missing answers.
    const problems = readWithPlaces(ctx.survey, typed, treesFor(deps, ctx.survey), ctx.batch.province, true)
      .problems.filter((p) => p.kind !== 'required')
      .map((p) => ({ code: p.code, message: p.message[lang] }));
    res.json({ problems });
  });
}

export function outcomeCode(o: SaveOutcome): string {
  if (o.kind === 'first') return o.status === 'verified' ? 'first-verified' : o.status === 'incomplete' ? 'first-incomplete' : `first-${o.verification}`;
  if (o.kind === 'second') return o.disagreements === 0 ? 'second-equal' : 'second-disagree';
  return `conflict-${o.conflict}`;
}
