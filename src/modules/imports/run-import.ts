import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WriteTurn } from '../../db/write-turn.js';
import {
  listImportRuns,
  maxQuarantineId,
  othersSince,
  registerImportRun,
  supersedeQuarantineBefore,
  endImportRun,
  type ImportRun,
} from '../responses/import-run-repository.js';
import { purgeImportRun, purgeResponses, undoInterruptedImports } from './import-runs.js';
import { leaveWalIfAlone, type Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { recordAudit, type Actor } from '../audit/audit-repository.js';
import { anyResponse, maxResponseId } from '../responses/response-repository.js';
import { bumpResponsesVersion, deleteBatchResponsesAfter, suspendProvinceIndex } from '../responses/response-write-repository.js';
import type { ImportProblem } from './check-import-row.js';
import { UnusableFileError } from './unusable-file-error.js';
import { readCheckedBlocks, type CheckedBlock } from './checked-blocks.js';
import { readCheckedBlocksInWorker } from './checked-blocks-in-worker.js';
import { deleteConflictsAfter, maxConflictId } from '../conflicts/conflict-repository.js';
import { anyUsedAccessCode, batchInScope, createImportBatch, findBatchByName, finishBatch, supersedeQuarantine } from './import-repository.js';
import { ImportWriter } from './import-writer.js';
import { provincesWithIssuedSerials } from '../access-codes/access-code-repository.js';
import { FileRefusedError, type FileShape } from './read-import-file.js';
import { defaultImportLimits, type ImportLimits } from '../../config.js';
import { importRestMs } from './import-pace.js';

/**
 * A batch expected to hold at least this many rows, and at least as many as the store already
 * has, is written with the province index off and the index built again before the commit.
 */
const BULK_FROM_ROWS = 50_000;

/**
 * Files from this size on (about 45,000 rows) are written without the WAL when nothing else has
 * the database open (see leaveWalIfAlone).
 */
const WITHOUT_WAL_FROM_BYTES = 8 * 1024 * 1024;

/** Files from this size on are read on a worker thread. */
const WORKER_FROM_BYTES = 4 * 1024 * 1024;

/**
 * A shared database is written in transactions of about this long (ms), so that other writers
 * (respondents above all) get the lock in between; see docs/decisions/0019-imports-commit-in-chunks.md.
 */
const CHUNK_MS = 100;

/** After each chunk, this long (ms) for writers SQLite keeps waiting (other processes, staff pages). */
const PAUSE_MS = 5;

/** 64 MiB of page cache while importing (negative = KiB); restored afterwards. */
const IMPORT_CACHE_KIB = -65536;

/** The file or the arguments cannot be used; nothing was written (exit 2). */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

/** The import was stopped on request; the transaction was rolled back, nothing of the file is stored. */
export class ImportCancelledError extends Error {
  constructor(readonly rows: number) {
    super('the import was cancelled; nothing was imported');
    this.name = 'ImportCancelledError';
  }
}

export interface ImportRequest {
  db: Db;
  survey: Survey;
  file: string;
  /** The name the operator knows the file by (the upload's original name). */
  fileName: string;
  batchName: string;
  dryRun: boolean;
  /** Commit the good rows even when some are quarantined. */
  partial: boolean;
  requiresVerification: boolean;
  mapping?: ReadonlyMap<string, string>;
  /** The uploader's provinces (a province supervisor on the web); null or absent = national (the CLI). */
  provinceScope?: readonly string[] | null;
  actor: Actor;
  now: () => number;
  onProblems?: (problems: ImportProblem[]) => void;
  /** After each block of the file: bytes read of the total, rows so far. Awaited, so a server can yield. */
  onProgress?: (p: { bytes: number; total: number; rows: number }) => Promise<void> | void;
  /** Limits on the file (config); the defaults when absent. */
  limits?: ImportLimits;
  /** Stops the import between blocks: rolled back, ImportCancelledError. */
  signal?: AbortSignal;
  /** Read on a worker thread (true), on this one (false), or by file size (absent). */
  worker?: boolean;
  /** Expected rows from which a big batch rebuilds the province index instead of updating it (tests). */
  bulkFrom?: number;
  /** File size from which the batch is written without the WAL when it can be (tests). */
  withoutWalFrom?: number;
  /**
   * Shares the write lock with the server's thread of this process (a web import): the import
   * commits as soon as a respondent's write waits, and lets it go first.
   */
  writeTurn?: WriteTurn;
}

export interface ImportSummary {
  batchId: number | null;
  batchName: string;
  status: 'committed' | 'failed' | 'dry_run';
  rows: number;
  /** Stored and usable. */
  imported: number;
  /** Stored, below the definition's usability rule (status incomplete, left out of the index). */
  incomplete: number;
  quarantined: number;
  duplicates: number;
  conflicts: number;
  format: FileShape['format'] | null;
  encoding: FileShape['encoding'];
}

/** The line every entry point prints, exactly. */
export function summaryLine(s: Pick<ImportSummary, 'imported' | 'incomplete' | 'quarantined' | 'duplicates' | 'conflicts'>): string {
  return `imported ${s.imported}, incomplete ${s.incomplete}, quarantined ${s.quarantined}, duplicates ${s.duplicates}, conflicts ${s.conflicts}`;
}

/** 0 when every row was stored or already there (incomplete forms are stored: not an error); 3 when rows were quarantined. */
export function exitCodeOf(s: ImportSummary): 0 | 3 {
  return s.quarantined > 0 ? 3 : 0;
}

/**
 * Imports one postal batch. The whole batch is one transaction (BEGIN IMMEDIATE … COMMIT) fed
 * by a streaming reader: a crash or kill -9 leaves only uncommitted WAL frames (or, for a big
 * file written without the WAL, a journal SQLite rolls back), so the database is as it was and
 * the same command run again completes the batch. All or nothing by default:
 * with any bad row, the responses written are taken out again before the commit, and only the
 * batch record and its quarantined rows are kept.
 */
export async function runImport(req: ImportRequest): Promise<ImportSummary> {
  const total = (
    await stat(req.file).catch(() => {
      throw new ImportRefusedError(`cannot read ${req.fileName}`);
    })
  ).size;
  const limits = req.limits ?? defaultImportLimits();
  if (total > limits.maxBytes)
    throw new ImportRefusedError(
      `the file is larger than ${Math.round(limits.maxBytes / 1048576)} MB (the limit); split it into several batches · tệp lớn hơn ${Math.round(limits.maxBytes / 1048576)} MB (giới hạn); hãy chia thành nhiều lô`,
    );
  // An import whose process was killed left rows out of sight: they go before anything else.
  if (!req.dryRun) undoInterruptedImports(req.db, { atStart: false });
  // Decided before the transaction: the journal mode cannot change inside one.
  // Whether anything else has the database open decides how the batch is written (see
  // importBatch); leaving the WAL is how SQLite tells, and a small file goes straight back to it.
  let backToWal: (() => void) | null = null;
  let alone = req.db.$client.memory;
  if (!req.dryRun && !alone) {
    backToWal = leaveWalIfAlone(req.db);
    alone = backToWal !== null;
    if (backToWal && total < (req.withoutWalFrom ?? WITHOUT_WAL_FROM_BYTES)) {
      backToWal();
      backToWal = null;
    }
  }
  try {
    return await importBatch(req, total, limits, alone);
  } finally {
    backToWal?.();
  }
}

async function importBatch(req: ImportRequest, total: number, limits: ImportLimits, alone: boolean): Promise<ImportSummary> {
  const batch = new BatchImport(req, total, limits, alone);
  const shape = await batch.read();
  return batch.finish(shape);
}

/** One batch being imported: its transaction (whole or in chunks), the writer, and the marks to undo it by. */
class BatchImport {
  private readonly db: Db;
  private readonly survey: Survey;
  private readonly client: Db['$client'];
  private readonly at: number;
  private readonly cacheBefore: number;
  /**
   * A file being imported while others use the database is written a chunk at a time, its rows
   * kept out of sight until the last, short transaction: nobody waits for the whole import.
   * Alone (the CLI on a file nothing else has open), one transaction is quicker and hides it too.
   */
  private readonly chunked: boolean;
  private readonly turn: WriteTurn | undefined;
  private writer: ImportWriter | null = null;
  private batchId: number | null = null;
  private existingBatch = false;
  private watermark = 0;
  private conflictMark = 0;
  private quarantineMark = 0;
  private rows = 0;
  private bulkDecided = false;
  private restoreIndex: (() => void) | null = null;
  private run: ImportRun | null = null;
  private chunkStart = 0;
  /** When the import last rested, and the server's writes then (import-pace.ts). */
  private restedAt = performance.now();
  private writesAtRest = 0;
  private othersMark = 0;
  private lookups: { responses: boolean; accessCodes: boolean; frame?: ReadonlySet<string> } = { responses: true, accessCodes: true };

  constructor(
    private readonly req: ImportRequest,
    private readonly total: number,
    private readonly limits: ImportLimits,
    alone: boolean,
  ) {
    this.db = req.db;
    this.survey = req.survey;
    this.client = req.db.$client;
    this.at = req.now();
    this.cacheBefore = this.client.pragma('cache_size', { simple: true }) as number;
    this.chunked = !req.dryRun && !alone;
    this.turn = this.chunked ? req.writeTurn : undefined;
  }

  private begin(): void {
    this.turn?.takeBlocking();
    try {
      this.client.exec('BEGIN IMMEDIATE');
    } catch (err) {
      this.turn?.release();
      throw err;
    }
    this.chunkStart = performance.now();
  }

  private commit(): void {
    this.client.exec('COMMIT');
    this.turn?.release();
  }

  private rollback(): void {
    if (this.client.inTransaction) this.client.exec('ROLLBACK');
    this.turn?.release();
  }

  /** The batch by that name, if it may take this import; refuses one of another kind, province or run. */
  private reusableBatch(): ReturnType<typeof findBatchByName> {
    const { db, req } = this;
    const existing = findBatchByName(db, this.survey.id, req.batchName);
    if (existing && existing.kind !== 'import')
      throw new ImportRefusedError(`batch "${req.batchName}" is a ${existing.kind} batch, not an import; choose another --batch name`);
    // Another province's batch is never reused: its quarantine, summary and rows stay its own.
    if (existing && !batchInScope(existing, req.provinceScope ?? null))
      throw new ImportRefusedError(`batch "${req.batchName}" belongs to provinces you do not work on; choose another batch name`);
    if (existing && listImportRuns(db).some((r) => r.batchId === existing.id))
      throw new ImportRefusedError(`batch "${req.batchName}" is being imported now; wait for it to finish or choose another batch name`);
    return existing;
  }

  /** The header matched: the transaction begins, the marks to undo by are taken, the writer is made. */
  private start(): void {
    const { db, req, survey } = this;
    const existing = this.reusableBatch();
    // Index pages of a big batch stay in memory instead of spilling to the WAL mid-transaction.
    this.client.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    if (this.chunked) this.begin();
    else this.client.exec(req.dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    this.watermark = maxResponseId(db);
    this.conflictMark = maxConflictId(db);
    this.quarantineMark = maxQuarantineId(db);
    this.othersMark = this.watermark;
    this.existingBatch = existing !== null;
    // Chunked, the old findings are superseded in the last transaction, when the new ones count.
    if (existing && !this.chunked) supersedeQuarantine(db, existing.id, this.at);
    const batchId = existing?.id ?? createBatchFor(req, this.at);
    this.batchId = batchId;
    if (this.chunked) {
      this.run = {
        batchId,
        responsesAfter: this.watermark,
        conflictsAfter: this.conflictMark,
        quarantineAfter: this.quarantineMark,
        newBatch: !existing,
        pid: process.pid,
        startedAt: this.at,
      };
      registerImportRun(db, this.run);
    }
    const status = existing?.requiresVerification || req.requiresVerification ? 'submitted' : 'verified';
    this.lookups = { responses: anyResponse(db, survey.id), accessCodes: anyUsedAccessCode(db, survey.id), frame: provincesWithIssuedSerials(db, survey.id) };
    this.writer = new ImportWriter(db, survey, batchId, this.watermark, this.lookups, this.at, status, (p) => req.onProblems?.(p), this.chunked);
    this.writer.keepBadRows = this.limits.keepBadRows;
    if (this.turn) this.writer.yieldToOthers = () => this.letServerWrite();
  }

  /** Mid-block, when a write of the server waits (web imports only): commit, let it write, begin again. */
  private letServerWrite(): boolean {
    if (!this.turn?.serverWaiting) return false;
    this.commit();
    this.begin();
    this.othersWrote();
    return true;
  }

  /** Lookups skipped because the survey had no responses: an online answer since turns them on. */
  private othersWrote(): void {
    if (this.lookups.responses) return;
    this.lookups.responses = othersSince(this.db, this.survey.id, this.batchId!, this.othersMark);
    this.othersMark = maxResponseId(this.db);
  }

  /** Ends the chunk: commit, let the others write, begin the next. */
  private async nextChunk(): Promise<void> {
    this.commit();
    const writes = this.turn?.serverWrites ?? 0;
    await sleep(importRestMs(performance.now() - this.restedAt, writes !== this.writesAtRest, PAUSE_MS));
    this.restedAt = performance.now();
    this.writesAtRest = writes;
    this.begin();
    this.othersWrote();
  }

  private async block(block: CheckedBlock): Promise<void> {
    const { req } = this;
    if (req.signal?.aborted) throw new ImportCancelledError(this.rows);
    this.rows = block.rows;
    // Without the province index, readers would scan the table: only for a batch written in one transaction.
    if (!this.bulkDecided && block.bytes > 0 && !this.chunked) {
      this.bulkDecided = true;
      const expected = (this.total / block.bytes) * block.rows;
      if (expected >= (req.bulkFrom ?? BULK_FROM_ROWS) && expected >= this.watermark) {
        this.restoreIndex = suspendProvinceIndex(this.db);
        this.writer!.provinceIndexLive = false;
      }
    }
    this.writer!.addBlock(block);
    if (this.chunked && (performance.now() - this.chunkStart >= CHUNK_MS || this.turn?.serverWaiting)) await this.nextChunk();
    await req.onProgress?.({ bytes: block.bytes, total: this.total, rows: this.rows });
  }

  /** Reads the whole file into the open transaction; on any failure, nothing of it stays. */
  async read(): Promise<FileShape> {
    const { req } = this;
    // A big file is read, checked and packed on a worker thread while this one writes; a small
    // one is not worth the thread's start-up (a third of a second).
    const read = (req.worker ?? this.total >= WORKER_FROM_BYTES) ? readCheckedBlocksInWorker : readCheckedBlocks;
    try {
      const shape = await read(
        // Beside a server, the checking threads yield the cores to respondents; the writing thread
        // keeps its priority, since respondents wait for the write lock it holds.
        {
          survey: this.survey,
          file: req.file,
          mapping: req.mapping,
          provinceScope: req.provinceScope ?? null,
          limits: this.limits,
          background: req.writeTurn !== undefined,
        },
        { header: () => this.start(), block: (block) => this.block(block) },
      );
      // Asked while the last block was written: still in time to stop.
      if (req.signal?.aborted) throw new ImportCancelledError(this.rows);
      return shape;
    } catch (err) {
      this.abandon();
      if (err instanceof ImportCancelledError && !req.dryRun) recordCancelled(req, err.rows);
      if (err instanceof FileRefusedError || err instanceof UnusableFileError) throw new ImportRefusedError(err.message);
      throw err;
    }
  }

  private abandon(): void {
    if (this.chunked) this.rollback();
    else if (this.client.inTransaction) this.client.exec('ROLLBACK');
    this.client.pragma(`cache_size = ${this.cacheBefore}`);
    if (this.run) purgeImportRun(this.db, this.run, this.turn);
  }

  private summary(shape: FileShape, failed: boolean): ImportSummary {
    const { req } = this;
    const counts = this.writer!.counts;
    return {
      batchId: req.dryRun ? null : this.batchId,
      batchName: req.batchName,
      status: req.dryRun ? 'dry_run' : failed ? 'failed' : 'committed',
      rows: this.rows,
      ...counts,
      imported: failed ? 0 : counts.imported,
      incomplete: failed ? 0 : counts.incomplete,
      format: shape.format,
      encoding: shape.encoding,
    };
  }

  /** Commits the batch, or (all or nothing, a bad row and no --partial) only its record and quarantine. */
  finish(shape: FileShape): ImportSummary {
    const failed = this.writer!.counts.quarantined > 0 && !this.req.partial;
    const summary = this.summary(shape, failed);
    if (this.req.dryRun) {
      this.client.exec('ROLLBACK');
      this.client.pragma(`cache_size = ${this.cacheBefore}`);
      return summary;
    }
    try {
      this.settle(summary, failed);
    } catch (err) {
      if (this.chunked) {
        this.rollback();
        if (this.run) purgeImportRun(this.db, this.run, this.turn);
      } else if (this.client.inTransaction) this.client.exec('ROLLBACK');
      throw err;
    } finally {
      this.client.pragma(`cache_size = ${this.cacheBefore}`);
    }
    return summary;
  }

  private settle(summary: ImportSummary, failed: boolean): void {
    const { db, req } = this;
    const batchId = this.batchId!;
    if (failed && this.chunked) {
      // All or nothing: the stored rows go again, a few thousand per transaction, still out of sight.
      this.commit();
      purgeResponses(db, this.run!, this.turn);
      this.begin();
    } else if (failed) deleteBatchResponsesAfter(db, batchId, this.watermark);
    if (failed) deleteConflictsAfter(db, batchId, this.conflictMark);
    if (this.existingBatch && this.chunked) supersedeQuarantineBefore(db, batchId, this.quarantineMark, this.at);
    this.restoreIndex?.();
    finishBatch(db, batchId, failed ? 'failed' : 'committed', summary, this.rows, req.fileName);
    recordAudit(db, req.actor, req.now(), {
      action: failed ? 'import_refused' : 'import',
      entity: 'batch',
      entityId: batchId,
      surveyId: this.survey.id,
      detail: summary,
    });
    if (this.chunked) {
      // The batch's rows become part of the data in this one short transaction.
      endImportRun(db, batchId);
      bumpResponsesVersion(db);
      this.commit();
    } else this.client.exec('COMMIT');
  }
}

/** The batch a request's rows go into, made under the uploader's provinces. */
function createBatchFor(req: ImportRequest, at: number): number {
  return createImportBatch(req.db, {
    surveyId: req.survey.id,
    name: req.batchName,
    fileName: req.fileName,
    requiresVerification: req.requiresVerification,
    at,
    createdBy: req.actor.userId,
    scope: req.provinceScope ?? null,
  });
}

/** After the rollback: the batch shows as cancelled (a new one is created for it), and the audit trail says so. */
function recordCancelled(req: ImportRequest, rows: number): void {
  const { db, survey } = req;
  db.$client.transaction(() => {
    const at = req.now();
    const existing = findBatchByName(db, survey.id, req.batchName);
    const batchId = existing?.id ?? createBatchFor(req, at);
    // A batch imported before keeps its status: the cancelled run changed nothing of it.
    if (!existing) finishBatch(db, batchId, 'cancelled', { rows, cancelled: true }, rows, req.fileName);
    recordAudit(db, req.actor, at, { action: 'import_cancelled', entity: 'batch', entityId: batchId, surveyId: survey.id, detail: { rows } });
  })();
}
