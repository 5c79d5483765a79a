import { placeListToWire } from '../definitions/place-list.js';
import { rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ImportLimits } from '../../config.js';
import { jobPercent, newJobId, ThreadJobs, type JobLaunch, type ThreadJob } from '../../threads/thread-jobs.js';
import { WriteTurn } from '../../db/write-turn.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Actor } from '../audit/audit-repository.js';
import type { ImportJobData, ImportJobMessage } from './import-job-protocol.js';
import type { ImportSummary } from './run-import.js';

/** An upload being imported; the progress page reads it. */
export interface ImportJob extends ThreadJob {
  surveyId: string;
  fileName: string;
  bytes: number;
  total: number;
  rows: number;
  summary: ImportSummary | null;
  line: string | null;
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
  const percent = jobPercent(job.state, job.bytes, job.total);
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
export class ImportJobs extends ThreadJobs<ImportJob, ImportJobMessage> {
  constructor(
    private readonly dbPath: string,
    private readonly limits: ImportLimits,
    logger: Logger,
    private readonly now: () => number,
    /** Shared with the server's connection: respondents' writes go first (src/db/write-turn.ts). */
    private readonly writeTurn: WriteTurn = new WriteTurn(),
  ) {
    super(logger, 'import', 'The import failed on our side; nothing was imported.');
  }

  start(input: JobInput): ImportJob {
    const job: ImportJob = {
      id: newJobId(),
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
    return this.enqueue(
      job,
      () => this.launch(input),
      () => rm(input.tempFile, { force: true }),
    );
  }

  private launch(input: JobInput): JobLaunch<ImportJob, ImportJobMessage> {
    const data: Omit<ImportJobData, 'entry'> = {
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
    return {
      entry: new URL('./import-job-worker.ts', import.meta.url),
      data,
      onProgress: (job, m) => Object.assign(job, { bytes: m.bytes, total: m.total, rows: m.rows }),
      onDone: (job, m) => Object.assign(job, { summary: m.summary, line: m.line, rows: m.summary.rows }),
      onCancelled: (job, m) => (job.rows = m.rows),
    };
  }
}
