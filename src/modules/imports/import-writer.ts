import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { BLANK, NOT_ASKED, unpackAnswers } from '../responses/pack-answers.js';
import { UNUSABLE_REASON } from '../responses/incomplete-reason.js';
import { findResponsesBySerials, type StoredResponse } from '../responses/response-repository.js';
import { prepareBlockInsert, type ResponseBlock } from '../responses/response-write-repository.js';
import type { ImportProblem } from './check-import-row.js';
import type { BadRow, CheckedBlock, GoodRows } from './checked-blocks.js';
import { recordConflict, type ConflictKind } from '../conflicts/conflict-repository.js';
import { prepareQuarantineInsert, usedAccessCodeSerials } from './import-repository.js';
import { issuedSerials } from '../access-codes/access-code-repository.js';

export interface WriterCounts {
  imported: number;
  /** Stored, but below the definition's usability rule: status incomplete, left out of the index. */
  incomplete: number;
  quarantined: number;
  duplicates: number;
  conflicts: number;
}

function sortedJson(values: Record<string, string | number>): string {
  return JSON.stringify(
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
  );
}

/** Equal answers; a row stored before "not asked" was kept apart holds BLANK where a new one holds NOT_ASKED. */
function sameCodes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] === NOT_ASKED ? BLANK : a[i];
    const y = b[i] === NOT_ASKED ? BLANK : b[i];
    if (x !== y) return false;
  }
  return true;
}

/** New rows written between two chances for the server to write (a multiple of the 50-row insert). */
const SLICE_ROWS = 250;

const codesOf = (good: GoodRows, i: number): Buffer => Buffer.from(good.codes.buffer, good.codes.byteOffset + i * good.width, good.width);

/**
 * Writes checked blocks of one batch inside the caller's open transaction: decides for each
 * serial whether it is new, a duplicate (same answers), a conflict (different answers, or
 * already answered online), or a second copy within this file (a row problem). Lookups are
 * one query per block, not per row.
 */
export class ImportWriter {
  readonly counts: WriterCounts = { imported: 0, incomplete: 0, quarantined: 0, duplicates: 0, conflicts: 0 };
  /** False while a bulk load has the province index off (see run-import.ts). */
  provinceIndexLive = true;
  /**
   * Quarantined rows kept in full (stored and reported); past them, rows are only counted. Two
   * million bad rows once grew a 6 GB WAL and a 2.6 GB error report: the first rows tell what is
   * wrong with a file, the count tells how much.
   */
  keepBadRows = Number.POSITIVE_INFINITY;
  /**
   * Asked between slices of a block's new rows: true when it committed and began again so that
   * the server could write (a respondent then waits for one slice, not a whole block). The rows
   * not yet written are looked up again, since the others' writes may have stored their serials.
   */
  yieldToOthers: (() => boolean) | null = null;
  private readonly insert: ReturnType<typeof prepareBlockInsert>;
  private readonly quarantine: ReturnType<typeof prepareQuarantineInsert>;
  private readonly base: Omit<ResponseBlock, 'width' | 'codes' | 'serials' | 'province' | 'district' | 'commune' | 'values'>;

  constructor(
    private readonly db: Db,
    private readonly survey: Survey,
    private readonly batchId: number,
    /** Responses with a higher id were written by this run. */
    private readonly watermark: number,
    /**
     * False when the store holds nothing for this survey yet: skip the lookups. `frame`: the
     * provinces with forms issued (sipas codes): a form of theirs whose serial was never issued
     * is not from the sample.
     */
    private readonly lookups: { responses: boolean; accessCodes: boolean; frame?: ReadonlySet<string> },
    private readonly at: number,
    status: 'verified' | 'submitted',
    private readonly onProblems: (problems: ImportProblem[]) => void,
    /** The rows stay out of sight until the run ends (an import committing in chunks). */
    hidden = false,
  ) {
    this.insert = prepareBlockInsert(db, { hidden });
    this.quarantine = prepareQuarantineInsert(db);
    this.base = { surveyId: survey.id, surveyVersion: survey.version, channel: 'import', status, at, batchId };
  }

  addBlock(block: CheckedBlock): void {
    for (const bad of block.bad) this.addBad(bad);
    this.addGood(block.good);
  }

  private addBad(row: BadRow): void {
    if (++this.counts.quarantined > this.keepBadRows) return;
    this.quarantine({ surveyId: this.survey.id, batchId: this.batchId, line: row.line, serial: row.serial, raw: row.raw, problems: row.problems, at: this.at });
    this.onProblems(row.problems);
  }

  private addGood(good: GoodRows): void {
    let rows = Array.from({ length: good.count }, (_, i) => i);
    const inBlock = new Set<string>();
    while (rows.length > 0) rows = this.addRows(good, rows, inBlock);
  }

  /** Decides and writes the block's rows `rows`; the ones left unwritten when the others were let in, to decide again. */
  private addRows(good: GoodRows, rows: number[], inBlock: Set<string>): number[] {
    const serials = rows.length === good.count ? good.serials : rows.map((i) => good.serials[i]!);
    const existing = this.lookups.responses ? findResponsesBySerials(this.db, this.survey.id, serials) : new Map<string, StoredResponse>();
    const usedOnline = this.lookups.accessCodes ? usedAccessCodeSerials(this.db, this.survey.id, serials) : new Set<string>();
    const frame = this.lookups.frame;
    const issued = frame && frame.size > 0 ? issuedSerials(this.db, this.survey.id, serials) : null;
    const fresh: number[] = [];
    const below: number[] = [];
    for (const i of rows) {
      const serial = good.serials[i]!;
      const found = existing.get(serial);
      // Stored by this run (others write meanwhile when it commits in chunks).
      if ((found && found.batchId === this.batchId && found.id > this.watermark) || inBlock.has(serial)) {
        this.repeatedInFile(good, i);
        continue;
      }
      if (found || usedOnline.has(serial)) {
        this.alreadyThere(good, i, found);
        continue;
      }
      const rowProvince = good.province[i] ?? null;
      if (issued && (rowProvince === null || frame!.has(rowProvince)) && !issued.has(serial)) {
        this.notIssued(good, i);
        continue;
      }
      inBlock.add(serial);
      if (good.usable[i] === 1) fresh.push(i);
      else below.push(i);
    }
    // While the province index is kept up to date, rows are written province by province (in
    // file order within each): the index then takes runs of neighbouring entries instead of one
    // at each of 34 places per row, a third faster. Without it, file order suits the serial index.
    const province = good.province;
    if (this.provinceIndexLive)
      fresh.sort((a, b) => {
        const pa = province[a] ?? '';
        const pb = province[b] ?? '';
        return pa < pb ? -1 : pa > pb ? 1 : a - b;
      });
    // Every repeat is caught above; the unique index on (survey, serial) stays the last word.
    const block = { ...this.base, ...good };
    for (let from = 0; from < fresh.length; from += SLICE_ROWS) {
      if (from > 0 && this.yieldToOthers?.()) {
        for (const i of fresh.slice(from)) inBlock.delete(good.serials[i]!);
        for (const i of below) inBlock.delete(good.serials[i]!);
        return [...fresh.slice(from), ...below];
      }
      const slice = fresh.slice(from, from + SLICE_ROWS);
      const repeated = this.insert(block, slice);
      this.counts.imported += slice.length - repeated.length;
      for (const i of repeated) this.repeatedInFile(good, i);
    }
    if (below.length > 0) {
      const repeatedBelow = this.insert({ ...block, status: 'incomplete', incompleteReason: UNUSABLE_REASON }, below);
      this.counts.incomplete += below.length - repeatedBelow.length;
      for (const i of repeatedBelow) this.repeatedInFile(good, i);
    }
    return [];
  }

  /** The serial is stored already (or was answered online): a duplicate when identical, else a conflict. */
  private alreadyThere(good: GoodRows, i: number, found: StoredResponse | undefined): void {
    const serial = good.serials[i]!;
    const codes = codesOf(good, i);
    const values = JSON.parse(good.values[i]!) as Record<string, string | number>;
    const same = found !== undefined && sameCodes(codes, found.codes) && sortedJson(values) === sortedJson(found.values);
    const kind: ConflictKind | null = found === undefined || found.channel === 'online' ? 'answered_online' : same ? null : 'different_answers';
    if (kind === null) {
      this.counts.duplicates++;
      return;
    }
    this.counts.conflicts++;
    // What this file says for the serial, for the supervisor; a re-run of the same file adds no copy.
    const incoming = {
      surveyVersion: this.survey.version,
      codes: Buffer.from(codes),
      values,
      province: good.province[i]!,
      incompleteReason: good.usable[i] === 1 ? null : UNUSABLE_REASON,
    };
    recordConflict(this.db, {
      surveyId: this.survey.id,
      serial,
      kind,
      responseId: found?.id ?? null,
      channel: 'import',
      batchId: this.batchId,
      incoming,
      at: this.at,
      unlessOpen: true,
    });
  }

  /** A serial outside the issued ones: stored nowhere but in a conflict, so a supervisor can find the right serial. */
  private notIssued(good: GoodRows, i: number): void {
    this.counts.conflicts++;
    const values = JSON.parse(good.values[i]!) as Record<string, string | number>;
    recordConflict(this.db, {
      surveyId: this.survey.id,
      serial: good.serials[i]!,
      kind: 'serial_not_issued',
      responseId: null,
      channel: 'import',
      batchId: this.batchId,
      incoming: { surveyVersion: this.survey.version, codes: Buffer.from(codesOf(good, i)), values, province: good.province[i]! },
      at: this.at,
      unlessOpen: true,
    });
  }

  /** Good rows keep no raw cells (memory stays flat); the quarantine gets them back from the packed answers. */
  private repeatedInFile(good: GoodRows, i: number): void {
    const serial = good.serials[i]!;
    const line = good.lines[i]!;
    const column = this.survey.definition.serial.code;
    const raw: Record<string, string> = { [column]: serial };
    const values = JSON.parse(good.values[i]!) as Record<string, string | number>;
    for (const [code, value] of Object.entries(unpackAnswers(this.survey, codesOf(good, i), values))) raw[code] = String(value);
    this.addBad({
      line,
      serial,
      raw,
      problems: [
        {
          line,
          serial,
          column,
          value: serial,
          reason: 'số phiếu đã xuất hiện ở dòng trước trong tệp',
          reasonEn: 'this serial number appears earlier in the file',
        },
      ],
    });
  }
}
