import { placeListToWire } from '../definitions/place-list.js';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { ImportLimits } from '../../config.js';
import { workerEntry } from '../../threads/worker-entry.js';
import { WriteTurn } from '../../db/write-turn.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Actor } from '../audit/audit-repository.js';
import type { ImportJobData, JobMessage } from './import-job-protocol.js';
import type { ImportSummary } from './run-import.js';

/** An upload being imported; the progress page reads it. */
export interface ImportJob {
  id: string;
  userId: number;
  surveyId: string;
  fileName: string;
  state: 'running' | 'done' | 'refused' | 'error' | 'cancelled';
  /** Cancel was asked; the thread stops at the next block and rolls back. */
  cancelling: boolean;
  bytes: number;
  total: number;
  rows: number;
  summary: ImportSummary | null;
  line: string | null;
  message: string | null;
  startedAt: number;
}

export interface JobPublic {
  state: ImportJob['state'];
  cancelling: boolean;
  percent: number;
  rows: number;
  line: string | null;
  message: string | null;
  batchId: number | null;
}

export function jobPublic(job: ImportJob): JobPublic {
  const percent = job.state === 'running' ? (job.total > 0 ? Math.min(99, Math.floor((100 * job.bytes) / job.total)) : 0) : 100;
  return { state: job.state, cancelling: job.cancelling, percent, rows: job.rows, line: job.line, message: job.message, batchId: job.summary?.batchId ?? null };
}

type JobInput = {
  survey: Survey;
  tempFile: string;
  fileName: string;
  batchName: string;
  partial: boolean;
  dryRun: boolean;
  provinceScope: readonly string[] | null;
  actor: Actor & { userId: number };
};

/**
 * Runs uploads one at a time, each in a thread of its own (import-job-worker.ts) with its own
 * connection: reading, checking and writing a million rows never runs on the server's thread,
 * which only relays progress and a cancel. The import commits a chunk at a time, its rows out of
 * every reader's sight until the last chunk (run-import.ts), so respondents never wait for the
 * whole import, and cancelling (or a crash) leaves the data as it was.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly workers = new Map<string, Worker>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dbPath: string,
    private readonly limits: ImportLimits,
    private readonly logger: Logger,
    private readonly now: () => number,
    /** Shared with the server's connection: respondents' writes go first (src/db/write-turn.ts). */
    private readonly writeTurn: WriteTurn = new WriteTurn(),
  ) {}

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  start(input: JobInput): ImportJob {
    const job: ImportJob = {
      id: randomBytes(12).toString('base64url'),
      userId: input.actor.userId,
      surveyId: input.survey.id,
      fileName: input.fileName,
      state: 'running',
      cancelling: false,
      bytes: 0,
      total: 0,
      rows: 0,
      summary: null,
      line: null,
      message: null,
      startedAt: this.now(),
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

  private async run(job: ImportJob, input: JobInput): Promise<void> {
    try {
      if (job.cancelling) {
        job.state = 'cancelled';
        return;
      }
      const entry = new URL('./import-job-worker.ts', import.meta.url);
      const data: ImportJobData = {
        entry: entry.href,
        dbPath: this.dbPath,
        definition: input.survey.definition,
        places: placeListToWire(input.survey.places),
        file: input.tempFile,
        fileName: input.fileName,
        batchName: input.batchName,
        partial: input.partial,
        dryRun: input.dryRun,
        provinceScope: input.provinceScope ? [...input.provinceScope] : null,
        actor: input.actor,
        limits: this.limits,
        writeTurn: this.writeTurn.buffer,
      };
      const worker = new Worker(await workerEntry(entry, { bundle: false }), { workerData: data, execArgv: [] });
      this.workers.set(job.id, worker);
      if (job.cancelling) worker.postMessage('cancel');
      await new Promise<void>((resolve) => {
        const finish = (state: ImportJob['state'], message: string | null): void => {
          if (job.state === 'running') {
            job.state = state;
            job.message = message;
          }
          // A thread booted through tsx is kept alive by its module loader: end it here.
          void worker.terminate().then(() => resolve());
        };
        worker.on('message', (m: JobMessage) => {
          if (m.type === 'progress') Object.assign(job, { bytes: m.bytes, total: m.total, rows: m.rows });
          else if (m.type === 'done') {
            job.summary = m.summary;
            job.line = m.line;
            job.rows = m.summary.rows;
            finish('done', null);
          } else if (m.type === 'refused') finish('refused', m.message);
          else if (m.type === 'cancelled') {
            job.rows = m.rows;
            finish('cancelled', null);
          } else {
            this.logger.error({ err: { message: m.message, stack: m.stack }, job: job.id }, 'import job failed');
            finish('error', 'The import failed on our side; nothing was imported.');
          }
        });
        worker.on('error', (err) => {
          this.logger.error({ err, job: job.id }, 'import thread failed');
          finish('error', 'The import failed on our side; nothing was imported.');
        });
        worker.on('exit', () => finish('error', 'The import failed on our side; nothing was imported.'));
      });
    } catch (err) {
      this.logger.error({ err, job: job.id }, 'import job failed to start');
      job.state = 'error';
      job.message = 'The import failed on our side; nothing was imported.';
    } finally {
      this.workers.delete(job.id);
      await rm(input.tempFile, { force: true });
    }
  }
}
