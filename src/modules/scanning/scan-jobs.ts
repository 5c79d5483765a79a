import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { workerEntry } from '../../threads/worker-entry.js';
import type { CurrentUser } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { ScanSummary } from './scan-forms.js';
import type { ScanJobData, ScanJobMessage } from './scan-job-protocol.js';

/** An upload of scans being read; the progress page reads it. */
export interface ScanJob {
  id: string;
  userId: number;
  batchId: number;
  files: string[];
  state: 'running' | 'done' | 'refused' | 'error' | 'cancelled';
  /** Cancel was asked; the thread stops at the next page (or form). */
  cancelling: boolean;
  pages: number;
  total: number;
  summary: ScanSummary | null;
  /** Forms saved before a cancel reached the thread (they stay). */
  saved: number;
  message: string | null;
}

export interface ScanJobPublic {
  state: ScanJob['state'];
  cancelling: boolean;
  pages: number;
  total: number;
  percent: number;
}

export function scanJobPublic(job: ScanJob): ScanJobPublic {
  const percent = job.state === 'running' ? (job.total > 0 ? Math.min(99, Math.floor((100 * job.pages) / job.total)) : 0) : 100;
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

const FAILED = 'The scan failed on our side.';

/**
 * Runs uploaded scans one job at a time, each in a thread of its own (scan-job-worker.ts) with
 * its own connection: decoding and reading pages never runs on the server's thread, which only
 * relays progress and a cancel. Each form is saved in its own transaction, so a cancel keeps
 * the forms saved before it and nothing half-saved.
 */
export class ScanJobs {
  private readonly jobs = new Map<string, ScanJob>();
  private readonly workers = new Map<string, Worker>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dbPath: string,
    private readonly logger: Logger,
  ) {}

  get(id: string): ScanJob | undefined {
    return this.jobs.get(id);
  }

  start(input: ScanJobInput): ScanJob {
    const job: ScanJob = {
      id: randomBytes(12).toString('base64url'),
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
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job, input));
    return job;
  }

  /** Asks a running or queued job to stop; false when it has finished already. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'running') return false;
    job.cancelling = true;
    this.workers.get(id)?.postMessage('cancel');
    return true;
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async run(job: ScanJob, input: ScanJobInput): Promise<void> {
    try {
      if (job.cancelling) {
        job.state = 'cancelled';
        return;
      }
      const entry = new URL('./scan-job-worker.ts', import.meta.url);
      const data: ScanJobData = {
        entry: entry.href,
        dbPath: this.dbPath,
        definition: input.survey.definition,
        places: { id: input.survey.places.id, places: [...input.survey.places.places] },
        files: input.files,
        totalPages: input.totalPages,
        batchId: input.batchId,
        province: input.province,
        user: { ...input.user, provinces: [...input.user.provinces] },
      };
      // Booted through tsx, not bundled: opening the database finds its migrations beside its own module.
      const worker = new Worker(await workerEntry(entry, { bundle: false }), { workerData: data, execArgv: [] });
      this.workers.set(job.id, worker);
      if (job.cancelling) worker.postMessage('cancel');
      await new Promise<void>((resolve) => {
        const finish = (state: ScanJob['state'], message: string | null): void => {
          if (job.state === 'running') {
            job.state = state;
            job.message = message;
          }
          void worker.terminate().then(() => resolve());
        };
        worker.on('message', (m: ScanJobMessage) => {
          if (m.type === 'progress') Object.assign(job, { pages: m.pages });
          else if (m.type === 'done') {
            job.summary = m.summary;
            job.pages = m.summary.pages;
            finish('done', null);
          } else if (m.type === 'refused') finish('refused', m.message);
          else if (m.type === 'cancelled') {
            job.saved = m.saved;
            finish('cancelled', null);
          } else {
            this.logger.error({ err: { message: m.message, stack: m.stack }, job: job.id }, 'scan job failed');
            finish('error', FAILED);
          }
        });
        worker.on('error', (err) => {
          this.logger.error({ err, job: job.id }, 'scan thread failed');
          finish('error', FAILED);
        });
        worker.on('exit', () => finish('error', FAILED));
      });
    } catch (err) {
      this.logger.error({ err, job: job.id }, 'scan job failed to start');
      job.state = 'error';
      job.message = FAILED;
    } finally {
      this.workers.delete(job.id);
      await Promise.all(input.files.map((f) => rm(f.path, { force: true })));
    }
  }
}
