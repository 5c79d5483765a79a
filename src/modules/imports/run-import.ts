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
import { readCheckedBlocks } from './checked-blocks.js';
import { readCheckedBlocksInWorker } from './checked-blocks-in-worker.js';
import { deleteConflictsAfter, maxConflictId } from '../conflicts/conflict-repository.js';
import { anyUsedAccessCode, batchInScope, createImportBatch, findBatchByName, finishBatch, supersedeQuarantine } from './import-repository.js';
import { ImportWriter } from './import-writer.js';
import { provincesWithIssuedSerials } from '../access-codes/access-code-repository.js';
import { FileRefusedError, type FileShape } from './read-import-file.js';
import { defaultImportLimits, type ImportLimits } from '../../config.js';

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
  const { db, survey } = req;
  const client = db.$client;
  const at = req.now();
  const cacheBefore = client.pragma('cache_size', { simple: true }) as number;
  // A file being imported while others use the database is written a chunk at a time, its rows
  // kept out of sight until the last, short transaction: nobody waits for the whole import.
  // Alone (the CLI on a file nothing else has open), one transaction is quicker and hides it too.
  const chunked = !req.dryRun && !alone;
  const turn = chunked ? req.writeTurn : undefined;
  let writer: ImportWriter | null = null;
  let batchId: number | null = null;
  let existingBatch = false;
  let watermark = 0;
  let conflictMark = 0;
  let quarantineMark = 0;
  let rows = 0;
  let bulkDecided = false;
  // Set inside the block callback; objects, so the type checker sees they can change.
  const bulk: { restoreIndex: (() => void) | null } = { restoreIndex: null };
  const state: { run: ImportRun | null; chunkStart: number; othersMark: number } = { run: null, chunkStart: 0, othersMark: 0 };
  let lookups: { responses: boolean; accessCodes: boolean; frame?: ReadonlySet<string> } = { responses: true, accessCodes: true };

  const begin = (): void => {
    turn?.takeBlocking();
    try {
      client.exec('BEGIN IMMEDIATE');
    } catch (err) {
      turn?.release();
      throw err;
    }
    state.chunkStart = performance.now();
  };
  const commit = (): void => {
    client.exec('COMMIT');
    turn?.release();
  };
  const rollback = (): void => {
    if (client.inTransaction) client.exec('ROLLBACK');
    turn?.release();
  };

  const start = (): void => {
    const existing = findBatchByName(db, survey.id, req.batchName);
    if (existing && existing.kind !== 'import')
      throw new ImportRefusedError(`batch "${req.batchName}" is a ${existing.kind} batch, not an import; choose another --batch name`);
    // Another province's batch is never reused: its quarantine, summary and rows stay its own.
    if (existing && !batchInScope(existing, req.provinceScope ?? null))
      throw new ImportRefusedError(`batch "${req.batchName}" belongs to provinces you do not work on; choose another batch name`);
    if (existing && listImportRuns(db).some((r) => r.batchId === existing.id))
      throw new ImportRefusedError(`batch "${req.batchName}" is being imported now; wait for it to finish or choose another batch name`);
    // Index pages of a big batch stay in memory instead of spilling to the WAL mid-transaction.
    client.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    if (chunked) begin();
    else client.exec(req.dryRun ? 'BEGIN' : 'BEGIN IMMEDIATE');
    watermark = maxResponseId(db);
    conflictMark = maxConflictId(db);
    quarantineMark = maxQuarantineId(db);
    state.othersMark = watermark;
    existingBatch = existing !== null;
    // Chunked, the old findings are superseded in the last transaction, when the new ones count.
    if (existing && !chunked) supersedeQuarantine(db, existing.id, at);
    batchId = existing?.id ?? createBatchFor(req, at);
    if (chunked) {
      state.run = {
        batchId,
        responsesAfter: watermark,
        conflictsAfter: conflictMark,
        quarantineAfter: quarantineMark,
        newBatch: !existing,
        pid: process.pid,
        startedAt: at,
      };
      registerImportRun(db, state.run);
    }
    const status = existing?.requiresVerification || req.requiresVerification ? 'submitted' : 'verified';
    lookups = { responses: anyResponse(db, survey.id), accessCodes: anyUsedAccessCode(db, survey.id), frame: provincesWithIssuedSerials(db, survey.id) };
    writer = new ImportWriter(db, survey, batchId, watermark, lookups, at, status, (p) => req.onProblems?.(p), chunked);
    writer.keepBadRows = limits.keepBadRows;
  };

  /** Ends the chunk: commit, let the others write, begin the next. */
  const nextChunk = async (): Promise<void> => {
    commit();
    await sleep(PAUSE_MS);
    begin();
    // Lookups skipped because the survey had no responses: an online answer since turns them on.
    if (!lookups.responses) {
      lookups.responses = othersSince(db, survey.id, batchId!, state.othersMark);
      state.othersMark = maxResponseId(db);
    }
  };

  // A big file is read, checked and packed on a worker thread while this one writes; a small
  // one is not worth the thread's start-up (a third of a second).
  const read = (req.worker ?? total >= WORKER_FROM_BYTES) ? readCheckedBlocksInWorker : readCheckedBlocks;
  let shape: FileShape;
  try {
    shape = await read(
      // Beside a server, the checking threads yield the cores to respondents; the writing thread
      // keeps its priority, since respondents wait for the write lock it holds.
      { survey, file: req.file, mapping: req.mapping, provinceScope: req.provinceScope ?? null, limits, background: req.writeTurn !== undefined },
      {
        header: start,
        block: async (block) => {
          if (req.signal?.aborted) throw new ImportCancelledError(rows);
          rows = block.rows;
          // Without the province index, readers would scan the table: only for a batch written in one transaction.
          if (!bulkDecided && block.bytes > 0 && !chunked) {
            bulkDecided = true;
            const expected = (total / block.bytes) * block.rows;
            if (expected >= (req.bulkFrom ?? BULK_FROM_ROWS) && expected >= watermark) {
              bulk.restoreIndex = suspendProvinceIndex(db);
              writer!.provinceIndexLive = false;
            }
          }
          writer!.addBlock(block);
          if (chunked && (performance.now() - state.chunkStart >= CHUNK_MS || turn?.serverWaiting)) await nextChunk();
          await req.onProgress?.({ bytes: block.bytes, total, rows });
        },
      },
    );
    // Asked while the last block was written: still in time to stop.
    if (req.signal?.aborted) throw new ImportCancelledError(rows);
  } catch (err) {
    if (chunked) rollback();
    else if (client.inTransaction) client.exec('ROLLBACK');
    client.pragma(`cache_size = ${cacheBefore}`);
    if (state.run) purgeImportRun(db, state.run, turn);
    if (err instanceof ImportCancelledError && !req.dryRun) recordCancelled(req, err.rows);
    if (err instanceof FileRefusedError || err instanceof UnusableFileError) throw new ImportRefusedError(err.message);
    throw err;
  }
  const w = writer!;
  const failed = w.counts.quarantined > 0 && !req.partial;
  const summary: ImportSummary = {
    batchId: req.dryRun ? null : batchId,
    batchName: req.batchName,
    status: req.dryRun ? 'dry_run' : failed ? 'failed' : 'committed',
    rows,
    ...w.counts,
    imported: failed ? 0 : w.counts.imported,
    incomplete: failed ? 0 : w.counts.incomplete,
    format: shape.format,
    encoding: shape.encoding,
  };
  if (req.dryRun) {
    client.exec('ROLLBACK');
    client.pragma(`cache_size = ${cacheBefore}`);
    return summary;
  }
  try {
    if (failed && chunked) {
      // All or nothing: the stored rows go again, a few thousand per transaction, still out of sight.
      commit();
      purgeResponses(db, state.run!, turn);
      begin();
    } else if (failed) deleteBatchResponsesAfter(db, batchId!, watermark);
    if (failed) deleteConflictsAfter(db, batchId!, conflictMark);
    if (existingBatch && chunked) supersedeQuarantineBefore(db, batchId!, quarantineMark, at);
    bulk.restoreIndex?.();
    finishBatch(db, batchId!, failed ? 'failed' : 'committed', summary, rows, req.fileName);
    recordAudit(db, req.actor, req.now(), {
      action: failed ? 'import_refused' : 'import',
      entity: 'batch',
      entityId: batchId,
      surveyId: survey.id,
      detail: summary,
    });
    if (chunked) {
      // The batch's rows become part of the data in this one short transaction.
      endImportRun(db, batchId!);
      bumpResponsesVersion(db);
      commit();
    } else client.exec('COMMIT');
  } catch (err) {
    if (chunked) {
      rollback();
      if (state.run) purgeImportRun(db, state.run, turn);
    } else if (client.inTransaction) client.exec('ROLLBACK');
    throw err;
  } finally {
    client.pragma(`cache_size = ${cacheBefore}`);
  }
  return summary;
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
