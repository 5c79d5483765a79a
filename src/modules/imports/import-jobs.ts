import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import { closeDatabase, openDatabase } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Actor } from '../audit/audit-repository.js';
import { ImportRefusedError, runImport, summaryLine, type ImportSummary } from './run-import.js';

/** An upload being imported in the server process; the progress page reads it. */
export interface ImportJob {
  id: string;
  userId: number;
  surveyId: string;
  fileName: string;
  state: 'running' | 'done' | 'refused' | 'error';
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
  percent: number;
  rows: number;
  line: string | null;
  message: string | null;
  batchId: number | null;
}

export function jobPublic(job: ImportJob): JobPublic {
  const percent = job.state === 'running' ? (job.total > 0 ? Math.min(99, Math.floor((100 * job.bytes) / job.total)) : 0) : 100;
  return { state: job.state, percent, rows: job.rows, line: job.line, message: job.message, batchId: job.summary?.batchId ?? null };
}

/**
 * Runs uploads one at a time, in-process. Each job has its own connection: the import holds
 * one write transaction for the whole batch, and other requests must not write inside it.
 * The reader yields to the event loop after every block of the file, so pages stay quick.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dbPath: string,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  start(input: {
    survey: Survey;
    tempFile: string;
    fileName: string;
    batchName: string;
    partial: boolean;
    dryRun: boolean;
    provinceScope: readonly string[] | null;
    actor: Actor & { userId: number };
  }): ImportJob {
    const job: ImportJob = {
      id: randomBytes(12).toString('base64url'),
      userId: input.actor.userId,
      surveyId: input.survey.id,
      fileName: input.fileName,
      state: 'running',
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

  /** Resolves when every queued job has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async run(job: ImportJob, input: Parameters<ImportJobs['start']>[0]): Promise<void> {
    const db = openDatabase(this.dbPath, { checkpoints: false });
    try {
      const summary = await runImport({
        db,
        survey: input.survey,
        file: input.tempFile,
        fileName: input.fileName,
        batchName: input.batchName,
        dryRun: input.dryRun,
        partial: input.partial,
        provinceScope: input.provinceScope,
        requiresVerification: false,
        actor: input.actor,
        now: this.now,
        onProgress: async ({ bytes, total, rows }) => {
          job.bytes = bytes;
          job.total = total;
          job.rows = rows;
          await yieldToEventLoop();
        },
      });
      job.summary = summary;
      job.line = summaryLine(summary);
      job.state = 'done';
    } catch (err) {
      if (err instanceof ImportRefusedError) {
        job.state = 'refused';
        job.message = err.message;
      } else {
        job.state = 'error';
        job.message = 'The import failed on our side; nothing was imported.';
        this.logger.error({ err, job: job.id }, 'import job failed');
      }
    } finally {
      closeDatabase(db);
      await rm(input.tempFile, { force: true });
    }
  }
}
