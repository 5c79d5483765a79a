import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { tmpdir } from 'node:os';
import { extname } from 'node:path';
import { rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { notFound, payloadTooLarge } from '../../http/app-error.js';
import { csrfToken, verifyCsrf } from '../../http/csrf.js';
import { langOf } from '../../i18n/lang.js';
import { bothLangs, textsIn } from '../../i18n/texts.js';
import { scanPageTexts, scanTexts } from './scan-texts.js';
import { requireRole } from '../auth/require-role.js';
import { batchFor } from '../keying/keying-entry-routes.js';
import { signedInUser } from '../auth/current-user.js';
import type { Batch } from '../keying/keying-repository.js';
import { countScanPages, ScanFileError, scanLimits } from './load-scans.js';
import { ScanJobs, scanJobPublic } from './scan-jobs.js';
import { scanProblemText, type ScanProblem } from './scan-problems.js';

const JobParams = z.object({ job: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/) });
const scanTypes = /\.(pdf|png|jpe?g|tiff?)$/i;

/**
 * Scans uploaded on a keying batch's page: the files are counted and refused cheaply at their
 * limits here, then read in a thread of their own (scan-jobs.ts) while a progress page follows.
 */
export function scanUploadRouter(deps: AppDeps): Router {
  const router = Router();
  const supervisor = requireRole('supervisor');
  const jobs = new ScanJobs(deps.config.dbPath, deps.logger);
  const megabytes = Math.round(scanLimits.webFileBytes / 1048576);
  const upload = multer({
    dest: tmpdir(),
    limits: { fileSize: scanLimits.webFileBytes, files: scanLimits.webFiles, fields: 5 },
    defParamCharset: 'utf8',
  }).array('files', scanLimits.webFiles);

  const renderForm = (req: Request, res: Response, status: number, batch: Batch, error: string | null): void => {
    const lang = langOf(req);
    res.status(status).render('scanning/upload', {
      lang,
      t: textsIn(scanPageTexts, lang),
      batch,
      error,
      limits: { megabytes, ...scanLimits },
      csrf: csrfToken(req, res, deps.config.secureCookies),
    });
  };

  router.get('/keying/batches/:id/scans', supervisor, (req, res) => {
    renderForm(req, res, 200, batchFor(deps, req, res).batch, null);
  });

  router.post(
    '/keying/batches/:id/scans',
    supervisor,
    (req, res, next) => {
      // The batch is checked before a byte of the upload is kept.
      batchFor(deps, req, res);
      upload(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
          return next(payloadTooLarge(bothLangs(scanTexts, 'fileTooLarge', { megabytes })));
        if (err instanceof multer.MulterError && (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_UNEXPECTED_FILE'))
          return next(payloadTooLarge(bothLangs(scanTexts, 'tooManyFiles', { files: scanLimits.webFiles })));
        next(err);
      });
    },
    (req, res, next) => {
      // The CSRF field arrives inside the multipart body, so it is checked after multer.
      void verifyCsrf(req, res, (err?: unknown) => {
        if (err) void removeUploads(req);
        next(err);
      });
    },
    startUpload(deps, jobs, renderForm),
  );

  const jobOf = (req: Request, res: Response) => {
    const { job: id } = JobParams.parse(req.params);
    const job = jobs.get(id);
    if (!job || job.userId !== signedInUser(res).id) throw notFound(scanTexts.noSuchScan);
    return job;
  };

  router.get('/keying/scan-jobs/:job.json', supervisor, (req, res) => {
    res.set('cache-control', 'no-store').json(scanJobPublic(jobOf(req, res)));
  });

  router.get('/keying/scan-jobs/:job', supervisor, (req, res) => {
    const job = jobOf(req, res);
    const lang = langOf(req);
    res.set('cache-control', 'no-store').render('scanning/job', {
      lang,
      t: textsIn(scanPageTexts, lang),
      problemText: (p: ScanProblem) => scanProblemText(p, lang),
      job,
      status: scanJobPublic(job),
      csrf: csrfToken(req, res, deps.config.secureCookies),
    });
  });

  router.post('/keying/scan-jobs/:job/cancel', supervisor, verifyCsrf, (req, res) => {
    const job = jobOf(req, res);
    jobs.cancel(job.id);
    res.redirect(303, `/keying/scan-jobs/${job.id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  });

  return router;
}

async function removeUploads(req: Request): Promise<void> {
  await Promise.all(((req.files ?? []) as Express.Multer.File[]).map((f) => rm(f.path, { force: true })));
}

/** Checks the uploaded files (kinds, readable, pages) and starts the scan job, or shows the form again with the reason. */
function startUpload(deps: AppDeps, jobs: ScanJobs, renderForm: (req: Request, res: Response, status: number, batch: Batch, error: string | null) => void) {
  return async (req: Request, res: Response): Promise<void> => {
    const { batch, survey } = batchFor(deps, req, res);
    const t = textsIn(scanTexts, langOf(req));
    const uploaded = (req.files ?? []) as Express.Multer.File[];
    const refuse = async (message: string): Promise<void> => {
      await removeUploads(req);
      renderForm(req, res, 422, batch, message);
    };
    if (batch.province === null) return refuse(t('batchHasNoProvince'));
    if (uploaded.length === 0 || uploaded.some((f) => f.size === 0)) return refuse(t('chooseScanFiles'));
    const wrong = uploaded.find((f) => !scanTypes.test(f.originalname));
    if (wrong) return refuse(t('wrongFileKind', { file: wrong.originalname }));
    // The reader picks the decoder from the extension: keep it on the temp file.
    const files: { path: string; name: string }[] = [];
    for (const f of uploaded) {
      const path = `${f.path}${extname(f.originalname).toLowerCase()}`;
      await rename(f.path, path);
      f.path = path;
      files.push({ path, name: f.originalname });
    }
    let total = 0;
    for (const f of files) {
      try {
        total += await countScanPages(f.path);
      } catch (err) {
        if (!(err instanceof ScanFileError)) throw err;
        return refuse(t('unreadableFile', { file: f.name }));
      }
    }
    if (total > scanLimits.webPages) return refuse(t('tooManyPages', { total, max: scanLimits.webPages }));
    const job = jobs.start({ survey, batchId: batch.id, province: batch.province, user: signedInUser(res), files, totalPages: total });
    res.redirect(303, `/keying/scan-jobs/${job.id}${langOf(req) === 'en' ? '?lang=en' : ''}`);
  };
}
