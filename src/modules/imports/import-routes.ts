import { Router, type Request, type RequestHandler, type Response } from 'express';
import { shareWriteTurn, WriteTurn } from '../../db/write-turn.js';
import multer from 'multer';
import { tmpdir } from 'node:os';
import { rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { csvText } from '../../csv/write-csv.js';
import type { AppDeps } from '../../app-deps.js';
import { notFound, payloadTooLarge } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { currentUser, provinceScope } from '../auth/current-user.js';
import { requireRole } from '../auth/require-role.js';
import { findImportBatchScoped, firstQuarantineProblems, iterateQuarantine, listImportBatches } from './import-repository.js';
import { ImportJobs, jobPublic } from './import-jobs.js';
import { moreBadRows } from './more-bad-rows.js';
import { langOf } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/texts.js';
import { importTexts } from './import-texts.js';
import { importFormView } from './import-form-view.js';
import { importResultView, REASONS_ON_PAGE } from './import-result-view.js';

const UploadBody = z.object({
  survey: z.string().max(100).default(''),
  batch: z.string().trim().max(200).default(''),
  partial: z.string().optional(),
  dryRun: z.string().optional(),
});
const JobParams = z.object({ job: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });
const BatchParams = z.object({ id: z.coerce.number().int().positive() });

type ImportLimits = AppDeps['config']['importLimits'];

/** The upload form, with what was sent and what is wrong with it (422) or empty (200). */
function renderForm(deps: AppDeps, req: Request, res: Response, status: number, values: Record<string, string>, errors: Record<string, string>): void {
  const lang = langOf(req);
  const { surveys, batches } = importFormView(deps.surveys.byId, listImportBatches(deps.db, provinceScope(currentUser(res)!)), lang);
  res
    .status(status)
    .render('imports/index', { lang, t: textsIn(importTexts, lang), surveys, batches, values, errors, csrf: csrfToken(req, res, deps.config.secureCookies) });
}

/** Big files go to a temp file, never to memory, cut off at the limit; file names keep their Vietnamese letters. */
function receiveUpload(limits: ImportLimits): RequestHandler {
  const upload = multer({ dest: tmpdir(), limits: { fileSize: limits.maxBytes, files: 1, fields: 10 }, defParamCharset: 'utf8' }).single('file');
  const megabytes = Math.round(limits.maxBytes / 1048576);
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
        return next(
          payloadTooLarge(`Tệp lớn hơn ${megabytes} MB; hãy chia thành nhiều lô. · The file is larger than ${megabytes} MB; split it into several batches.`),
        );
      next(err);
    });
  };
}

/** The CSRF field arrives inside the multipart body, so it is checked after multer; a refused upload's file goes. */
const verifyCsrfAfterUpload: RequestHandler = (req, res, next) => {
  void verifyCsrf(req, res, (err?: unknown) => {
    if (err && req.file) void rm(req.file.path, { force: true });
    next(err);
  });
};

/** Starts the import of an uploaded file on the job runner, or shows the form again with what is missing. */
function startUpload(deps: AppDeps, jobs: ImportJobs): RequestHandler {
  return async (req, res) => {
    const t = textsIn(importTexts, langOf(req));
    const body = UploadBody.parse(req.body ?? {});
    const survey = deps.surveys.byId.get(body.survey);
    const errors: Record<string, string> = {};
    if (!survey) errors.survey = t('chooseASurvey');
    if (!req.file || req.file.size === 0) errors.file = t('chooseACsvOrExcel');
    else if (!/\.(csv|txt|xlsx)$/i.test(req.file.originalname)) errors.file = t('onlyCsvTxtOrXlsx');
    if (!survey || !req.file || Object.keys(errors).length > 0) {
      if (req.file) await rm(req.file.path, { force: true });
      return renderForm(deps, req, res, 422, { survey: body.survey, batch: body.batch, partial: body.partial ?? '', dryRun: body.dryRun ?? '' }, errors);
    }
    const user = currentUser(res)!;
    // Keep the extension: the reader picks CSV or Excel from it.
    const ext = /\.xlsx$/i.test(req.file.originalname) ? '.xlsx' : '.csv';
    const tempFile = `${req.file.path}${ext}`;
    await rename(req.file.path, tempFile);
    const job = jobs.start({
      survey,
      tempFile,
      fileName: req.file.originalname,
      batchName: body.batch || req.file.originalname,
      partial: body.partial === 'on',
      dryRun: body.dryRun === 'on',
      // A province supervisor's rows for other provinces are quarantined, never stored.
      provinceScope: provinceScope(user),
      actor: { userId: user.id, name: user.username },
    });
    res.redirect(303, `/imports/jobs/${job.id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  };
}

/** The error report of a batch the user may see: every quarantined row's problems, and a line for the rows not kept. */
function sendErrorReport(deps: AppDeps): RequestHandler {
  return (req, res) => {
    const { id } = BatchParams.parse(req.params);
    const batch = findImportBatchScoped(deps.db, id, provinceScope(currentUser(res)!));
    if (!batch) throw notFound({ vi: 'Không có lô nhập này.', en: 'There is no such import batch.' });
    res.set('content-type', 'text/csv; charset=utf-8');
    res.set('content-disposition', `attachment; filename="errors-${batch.id}.csv"`);
    res.write(`\uFEFF${csvText([['line', 'serial', 'column', 'value', 'reason', 'reason_en']])}`);
    let kept = 0;
    for (const entry of iterateQuarantine(deps.db, batch.id)) {
      kept++;
      res.write(csvText(entry.problems.map((p) => [p.line, p.serial, p.column, p.value, p.reason, p.reasonEn])));
    }
    const quarantined = batch.summary ? ((JSON.parse(batch.summary) as { quarantined?: number }).quarantined ?? 0) : 0;
    if (quarantined > kept) res.write(csvText([['', '', '', '', ...moreBadRows(quarantined - kept)]]));
    res.end();
  };
}

/** Supervisors upload postal batches here, watch them import, and download the error report. */
export function importRouter(deps: AppDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const turn = new WriteTurn();
  shareWriteTurn(deps.db.$client, turn);
  const jobs = new ImportJobs(deps.config.dbPath, deps.config.importLimits, deps.logger, deps.now, turn);

  router.get('/imports', supervisor, (req, res) => renderForm(deps, req, res, 200, {}, {}));
  router.post('/imports', supervisor, receiveUpload(deps.config.importLimits), verifyCsrfAfterUpload, startUpload(deps, jobs));

  const jobOf = (req: Request, res: Response) => {
    const { job: id } = JobParams.parse(req.params);
    const job = jobs.get(id);
    if (!job || job.userId !== currentUser(res)!.id) throw notFound({ vi: 'Không có lần nhập tệp này.', en: 'There is no such import.' });
    return job;
  };

  router.get('/imports/jobs/:job.json', supervisor, (req, res) => {
    res.set('cache-control', 'no-store').json(jobPublic(jobOf(req, res)));
  });

  router.get('/imports/jobs/:job', supervisor, (req, res) => {
    const job = jobOf(req, res);
    const lang = langOf(req);
    const batchId = job.summary?.batchId ?? null;
    const result = job.summary ? importResultView(job.summary, batchId === null ? [] : firstQuarantineProblems(deps.db, batchId, REASONS_ON_PAGE), lang) : null;
    res.set('cache-control', 'no-store').render('imports/job', {
      lang,
      t: textsIn(importTexts, lang),
      job,
      status: jobPublic(job),
      result,
      csrf: csrfToken(req, res, deps.config.secureCookies),
    });
  });

  router.post('/imports/jobs/:job/cancel', supervisor, verifyCsrf, (req, res) => {
    const job = jobOf(req, res);
    jobs.cancel(job.id);
    res.redirect(303, `/imports/jobs/${job.id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  router.get('/imports/:id/errors.csv', supervisor, sendErrorReport(deps));

  return router;
}
