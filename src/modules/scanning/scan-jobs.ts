import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import { jobPercent, newJobId, ThreadJobs, type JobLaunch, type ThreadJob } from '../../threads/thread-jobs.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { ScanSummary } from './scan-forms.js';
import type { ScanJobData, ScanOwnMessage } from './scan-job-protocol.js';

/** An upload of scans being read; the progress page reads it. */
export interface ScanJob extends ThreadJob {
  batchId: number;
  files: string[];
  pages: number;
  total: number;
  summary: ScanSummary | null;
  /** Forms saved before a cancel reached the thread (they stay). */
  saved: number;
}

export interface ScanJobPublic {
  state: ScanJob['state'];
  cancelling: boolean;
  pages: number;
  total: number;
  percent: number;
}

export function scanJobPublic(job: ScanJob): ScanJobPublic {
  const percent = jobPercent(job.state, job.pages, job.total);
  return { state: job.state, cancelling: job.cancelling, pages: job.pages, total: job.total, percent };
}

interface ScanJobInput {
  survey: Survey;
  batchId: number;
  province: string;
  user: CurrentUser;
  files: { path: string; name: string }[];
  totalPages: number;
}

/**
 * Runs uploaded scans one job at a time, each in a thread of its own (scan-job-worker.ts) with
 * its own connection: decoding and reading pages never runs on the server's thread, which only
 * relays progress and a cancel. Each form is saved in its own transaction, so a cancel keeps
 * the forms saved before it and nothing half-saved.
 */
export class ScanJobs extends ThreadJobs<ScanJob, ScanOwnMessage> {
  constructor(
    private readonly dbPath: string,
    logger: Logger,
  ) {
    super(logger, 'scan', 'The scan failed on our side.');
  }

  start(input: ScanJobInput): ScanJob {
    const job: ScanJob = {
      id: newJobId(),
      userId: input.user.id,
      batchId: input.batchId,
      files: input.files.map((f) => f.name),
      state: 'running',
      cancelling: false,
      pages: 0,
      total: input.totalPages,
      summary: null,
      saved: 0,
      message: null,
    };
    return this.enqueue(
      job,
      () => this.launch(input),
      () => Promise.all(input.files.map((f) => rm(f.path, { force: true }))),
    );
  }

  private launch(input: ScanJobInput): JobLaunch<ScanJob, ScanOwnMessage> {
    const data: Omit<ScanJobData, 'entry'> = {
      dbPath: this.dbPath,
      definition: input.survey.definition,
      places: { id: input.survey.places.id, places: [...input.survey.places.places] },
      files: input.files,
      totalPages: input.totalPages,
      batchId: input.batchId,
      province: input.province,
      user: { ...input.user, provinces: [...input.user.provinces] },
    };
    return {
      entry: new URL('./scan-job-worker.ts', import.meta.url),
      data,
      onProgress: (job, m) => (job.pages = m.pages),
      onDone: (job, m) => Object.assign(job, { summary: m.summary, pages: m.summary.pages }),
      onCancelled: (job, m) => (job.saved = m.saved),
    };
  }
}
