import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { packAnswers, unpackAnswers, type PackedAnswers } from '../responses/pack-answers.js';
import { findResponsesBySerials, prepareBulkInsert, type NewResponse, type StoredResponse } from '../responses/response-repository.js';
import type { ImportProblem } from './check-import-row.js';
import { recordConflict, type ConflictKind } from '../conflicts/conflict-repository.js';
import { prepareQuarantineInsert, usedAccessCodeSerials } from './import-repository.js';

/** Good rows are looked up and written a block at a time: one query per block, not per row. */
const BLOCK_ROWS = 2000;

export interface WriterCounts {
  imported: number;
  quarantined: number;
  duplicates: number;
  conflicts: number;
}

interface PendingRow {
  line: number;
  serial: string;
  packed: PackedAnswers;
}

function sortedJson(values: Record<string, string | number>): string {
  return JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
}

function sameAnswers(a: PackedAnswers, b: StoredResponse): boolean {
  return a.codes.equals(b.codes) && sortedJson(a.values) === sortedJson(b.values);
}

/**
 * Writes checked rows of one batch inside the caller's open transaction: decides for each
 * serial whether it is new, a duplicate (same answers), a conflict (different answers, or
 * already answered online), or a second copy within this file (a row problem).
 */
export class ImportWriter {
  readonly counts: WriterCounts = { imported: 0, quarantined: 0, duplicates: 0, conflicts: 0 };
  private pending: PendingRow[] = [];
  /** The packed codes of a block of rows live in one buffer, sliced per row (no allocation per row). */
  private block: Buffer;
  private blockUsed = 0;
  private readonly insert: (r: NewResponse) => number;
  private readonly quarantine: ReturnType<typeof prepareQuarantineInsert>;
  private readonly base: Omit<NewResponse, 'serial' | 'packed'>;

  constructor(
    private readonly db: Db,
    private readonly survey: Survey,
    private readonly batchId: number,
    /** Responses with a higher id were written by this run. */
    private readonly watermark: number,
    /** False when the store holds nothing for this survey yet: skip the lookups. */
    private readonly lookups: { responses: boolean; accessCodes: boolean },
    private readonly at: number,
    status: 'verified' | 'submitted',
    private readonly onProblems: (problems: ImportProblem[]) => void,
  ) {
    this.insert = prepareBulkInsert(db);
    this.quarantine = prepareQuarantineInsert(db);
    this.base = { surveyId: survey.id, surveyVersion: survey.version, channel: 'import', status, at, batchId };
    this.block = Buffer.alloc(BLOCK_ROWS * survey.codedCount);
  }

  addGood(line: number, serial: string, answers: Answers): void {
    const width = this.survey.codedCount;
    const codes = this.block.subarray(this.blockUsed, this.blockUsed + width);
    this.blockUsed += width;
    this.pending.push({ line, serial, packed: packAnswers(this.survey, answers, codes) });
    if (this.pending.length >= BLOCK_ROWS) this.flush();
  }

  addBad(line: number, serial: string, raw: Record<string, string>, problems: ImportProblem[]): void {
    this.counts.quarantined++;
    this.quarantine({ surveyId: this.survey.id, batchId: this.batchId, line, serial, raw, problems, at: this.at });
    this.onProblems(problems);
  }

  /** Writes the pending block (called every BLOCK_ROWS rows and once at the end). */
  flush(): void {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    // The written rows' slices may still be held (conflicts, the quarantine): start a fresh block.
    this.block = Buffer.alloc(BLOCK_ROWS * this.survey.codedCount);
    this.blockUsed = 0;
    const serials = rows.map((r) => r.serial);
    const existing = this.lookups.responses ? findResponsesBySerials(this.db, this.survey.id, serials) : new Map<string, StoredResponse>();
    const usedOnline = this.lookups.accessCodes ? usedAccessCodeSerials(this.db, this.survey.id, serials) : new Set<string>();
    for (const row of rows) {
      const found = existing.get(row.serial);
      if (found && found.id > this.watermark) {
        this.repeatedInFile(row);
        continue;
      }
      if (found || usedOnline.has(row.serial)) {
        const kind: ConflictKind | null = found?.channel === 'online' || (!found && usedOnline.has(row.serial)) ? 'answered_online' : sameAnswers(row.packed, found!) ? null : 'different_answers';
        if (kind === null) this.counts.duplicates++;
        else {
          this.counts.conflicts++;
          // What this file says for the serial, for the supervisor; a re-run of the same file adds no copy.
          const p = row.packed;
          const incoming = { surveyVersion: this.survey.version, codes: p.codes, values: p.values, province: p.province };
          recordConflict(this.db, { surveyId: this.survey.id, serial: row.serial, kind, responseId: found?.id ?? null, channel: 'import', batchId: this.batchId, incoming, at: this.at, unlessOpen: true });
        }
        continue;
      }
      try {
        const b = this.base;
        this.insert({ surveyId: b.surveyId, surveyVersion: b.surveyVersion, channel: b.channel, status: b.status, at: b.at, batchId: b.batchId, serial: row.serial, packed: row.packed });
        this.counts.imported++;
      } catch (err) {
        // The unique index on (survey, serial) catches a serial repeated within one block.
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') this.repeatedInFile(row);
        else throw err;
      }
    }
  }

  /** Good rows keep no raw cells (memory stays flat); the quarantine gets them back from the packed answers. */
  private repeatedInFile(row: PendingRow): void {
    const column = this.survey.definition.serial.code;
    const raw: Record<string, string> = { [column]: row.serial };
    for (const [code, value] of Object.entries(unpackAnswers(this.survey, row.packed.codes, row.packed.values))) raw[code] = String(value);
    this.addBad(row.line, row.serial, raw, [
      { line: row.line, serial: row.serial, column, value: row.serial, reason: 'số phiếu đã xuất hiện ở dòng trước trong tệp', reasonEn: 'this serial number appears earlier in the file' },
    ]);
  }
}
