import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { notFound } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { langOf, type Lang } from '../../i18n/lang.js';
import { bothLangs, textsIn } from '../../i18n/texts.js';
import { canSeeProvince } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Problem } from '../rules/check-answers.js';
import { batchFor, outcomeCode } from '../keying/keying-entry-routes.js';
import { signedInUser } from '../auth/current-user.js';
import { keyedFormProblems, readKeyedForm, type KeyedAnswers } from '../keying/keyed-form.js';
import { findKeyingBatch, type Batch } from '../keying/keying-repository.js';
import { saveMessage } from '../keying/keying-page-texts.js';
import { scanPageTexts, scanTexts } from './scan-texts.js';
import { saveKeyedForm, type SaveOutcome } from '../keying/save-keyed-form.js';
import { reviewScreen } from './review-screen-view.js';
import { scanUploadRouter } from './scan-upload-routes.js';
import { findScanReview, listScanReviewQueue, resolveScanReview, type StoredScanReview } from './scan-review-repository.js';

const ReviewId = z.object({ rid: z.coerce.number().int().positive() });
const CropParams = z.object({ rid: z.coerce.number().int().positive(), n: z.coerce.number().int().min(0).max(10_000) });
const FormBody = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v)),
);

interface ReviewContext {
  review: StoredScanReview;
  batch: Batch;
  survey: Survey;
}

/** The review in the URL, if its batch's province is one the user works on (else as if it did not exist). */
function reviewFor(deps: AppDeps, req: Request, res: Response): ReviewContext {
  const { rid } = ReviewId.parse(req.params);
  const review = findScanReview(deps.db, rid);
  const batch = review ? findKeyingBatch(deps.db, review.batchId) : null;
  if (!review || !batch || !canSeeProvince(signedInUser(res), batch.province)) throw notFound(scanTexts.noSuchScannedForm);
  const survey = deps.surveys.byVersion.get(`${review.surveyId}@${review.surveyVersion}`) ?? deps.surveys.byId.get(review.surveyId);
  if (!survey) throw notFound(bothLangs(scanTexts, 'formSurveyNotLoaded', { survey: review.surveyId }));
  return { review, batch, survey };
}

/** The message about the form saved before, carried in the redirect. */
function lastSaved(req: Request, lang: Lang): string | null {
  const outcome = typeof req.query.outcome === 'string' ? req.query.outcome : null;
  const last = typeof req.query.last === 'string' ? req.query.last.slice(0, 40) : '';
  return outcome ? saveMessage(outcome, last, lang) : null;
}

/**
 * Scanned forms on the keying pages: the review queue of a batch, each form's review page with
 * the crops beside the inputs, and its save, which makes the first entry exactly as keying does.
 */
export function scanRouter(deps: AppDeps): Router {
  const router = Router();
  const secure = deps.config.secureCookies;
  const keyer = requireRole('enumerator', 'supervisor');
  router.use(scanUploadRouter(deps));

  router.get('/keying/batches/:id/reviews', keyer, (req, res) => {
    const { batch, survey } = batchFor(deps, req, res);
    const lang = langOf(req);
    const queue = listScanReviewQueue(deps.db, batch.id);
    res.render('scanning/reviews', { lang, t: textsIn(scanPageTexts, lang), batch, survey, queue, message: lastSaved(req, lang) });
  });

  const render = (
    req: Request,
    res: Response,
    status: number,
    ctx: ReviewContext,
    entered: { typed: Record<string, unknown>; answers: KeyedAnswers } | null,
    problems: readonly Problem[],
  ): void => {
    const lang = langOf(req);
    if (ctx.review.resolvedAt !== null) {
      res.status(status).render('scanning/review-done', { lang, t: textsIn(scanPageTexts, lang), batch: ctx.batch, review: ctx.review });
      return;
    }
    const view = reviewScreen(ctx.survey, ctx.review, entered, problems, lang, (n) => `/keying/reviews/${ctx.review.id}/crops/${n}`);
    res.status(status).render('scanning/review', {
      lang,
      t: textsIn(scanPageTexts, lang),
      batch: ctx.batch,
      review: ctx.review,
      title: ctx.survey.definition.title[lang],
      view,
      csrf: csrfToken(req, res, secure),
      message: status === 200 ? lastSaved(req, lang) : null,
    });
  };

  router.get('/keying/reviews/:rid', keyer, (req, res) => {
    const ctx = reviewFor(deps, req, res);
    // What the machine read may already break a check (a number out of range): shown at once, as after a save.
    const problems = keyedFormProblems(
      ctx.survey,
      { serial: ctx.review.serial, answers: ctx.review.answers, reason: null, fieldsKeyed: 0 },
      ctx.batch.province,
    ).filter((p) => p.kind !== 'required');
    render(req, res, 200, ctx, null, problems);
  });

  router.get('/keying/reviews/:rid/crops/:n', keyer, (req, res) => {
    const { n } = CropParams.parse(req.params);
    const { review } = reviewFor(deps, req, res);
    const crop = review.items[n]?.crop;
    if (!crop) throw notFound(scanTexts.noSuchCrop);
    res.set('cache-control', 'private, max-age=3600').type('image/png').send(Buffer.from(crop, 'base64'));
  });

  router.post('/keying/reviews/:rid', keyer, verifyCsrf, (req, res) => {
    const ctx = reviewFor(deps, req, res);
    const lang = langOf(req);
    const body = FormBody.parse(req.body ?? {});
    // The serial is the one the scanner read off the QR code, whatever the page sends.
    const form = { ...readKeyedForm(ctx.survey, { ...body, [ctx.survey.definition.serial.code]: ctx.review.serial }) };
    const problems = keyedFormProblems(ctx.survey, form, ctx.batch.province);
    if (problems.length > 0) return render(req, res, 422, ctx, { typed: body, answers: form.answers }, problems);
    const now = deps.now();
    const outcome = deps.db.$client
      .transaction((): SaveOutcome | null => {
        if (!resolveScanReview(deps.db, ctx.review.id, now)) return null;
        return saveKeyedForm(deps.db, ctx.survey, ctx.batch, signedInUser(res), form, now, now, (version) =>
          deps.surveys.byVersion.get(`${ctx.survey.id}@${version}`),
        );
      })
      .immediate();
    if (outcome === null) return render(req, res, 409, { ...ctx, review: findScanReview(deps.db, ctx.review.id)! }, null, []);
    const next = listScanReviewQueue(deps.db, ctx.batch.id)[0];
    const params = `outcome=${outcomeCode(outcome)}&last=${encodeURIComponent(form.serial)}${lang === 'en' ? '&lang=en' : ''}`;
    res.redirect(303, next ? `/keying/reviews/${next.id}?${params}` : `/keying/batches/${ctx.batch.id}/reviews?${params}`);
  });

  return router;
}
