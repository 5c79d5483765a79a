import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runImport, type ImportRequest } from '../../src/modules/imports/run-import.js';
import type { ImportProblem } from '../../src/modules/imports/check-import-row.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { tempDb, tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { makeRows } from './import-fixtures.js';
import { csvLine } from './generate-import-rows.js';

const survey = shipped().byId.get('sipas-2023')!;
const codes = survey.variables.map((v) => v.code);
const serialCode = survey.definition.serial.code;
const threads = (): number => readdirSync('/proc/self/task').length;
let dir: string;
let cleanup: () => void;

/**
 * A batch with everything a writer must decide, spread over several blocks of the reader:
 * bad codes, a missing serial, serials repeated in the same block and blocks apart, a serial
 * already stored with other answers, one stored with the same answers, quoted text, and a
 * control character in a place.
 */
function writeBatch(file: string, extra: (rows: Record<string, string>[]) => void = () => {}): Record<string, string>[] {
  const rows = makeRows(survey, 5000, 77, 1);
  const rating = survey.variables.find((v) => v.type === 'matrix-item' && v.required)!.code;
  const text = survey.variables.find((v) => v.type === 'longtext' || v.type === 'text')!.code;
  rows[3]![rating] = '9';
  rows[40]![serialCode] = '';
  rows[60]![serialCode] = rows[50]![serialCode]!;
  rows[4500]![serialCode] = rows[10]![serialCode]!;
  rows[2222]![rating] = 'x';
  rows[7]![text] = 'ý kiến, "rất tốt"\nxuống dòng';
  // The control character the reader thread joins text columns with, in a place name.
  rows[9]![survey.definition.variables.district!] = 'Quận\x1f1';
  // Two forms below the usability rule (most satisfaction items blank), in blocks the two threads pack.
  const satisfaction = survey.variables.filter((v) => v.question === 'C9A' || v.question === 'C9B').map((v) => v.code);
  for (const r of [130, 2600]) for (const code of satisfaction.slice(0, 20)) rows[r]![code] = '';
  extra(rows);
  writeFileSync(file, [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\r\n') + '\r\n');
  return rows;
}

async function importInto(file: string, worker: boolean, partial = true, bulkFrom?: number) {
  const { db, cleanup: close } = tempDb();
  // Two serials stored before: one with the file's answers, one with other answers.
  const rows = makeRows(survey, 5000, 77, 1);
  const asAnswers = (r: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([c, v]) => c !== serialCode && v !== '')
        .map(([c, v]) => [c, survey.byCode.get(c)!.slot >= 0 ? Number(v) : v]),
    );
  insertResponse(db, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    serial: rows[100]![serialCode]!,
    channel: 'import',
    status: 'verified',
    packed: packAnswers(survey, asAnswers(rows[100]!)),
    at: 1,
  });
  insertResponse(db, {
    surveyId: survey.id,
    surveyVersion: survey.version,
    serial: rows[3000]![serialCode]!,
    channel: 'keyed',
    status: 'verified',
    packed: packAnswers(survey, asAnswers(rows[3001]!)),
    at: 1,
  });
  const problems: ImportProblem[] = [];
  const request: ImportRequest = {
    db,
    survey,
    file,
    fileName: 'lot.csv',
    batchName: 'lot',
    dryRun: false,
    partial,
    requiresVerification: false,
    actor: { userId: null, name: 'test' },
    now: () => 1_700_000_000_000,
    onProblems: (p) => problems.push(...p),
    worker,
    ...(bulkFrom === undefined ? {} : { bulkFrom }),
  };
  const summary = await runImport(request);
  const c = db.$client;
  const stored = {
    responses: c
      .prepare(
        'SELECT id, serial, province, district, commune, hex(codes) AS codes, answer_values, status, incomplete_reason, batch_id FROM responses ORDER BY id',
      )
      .all() as { id: number; serial: string | null; status: string }[],
    quarantine: c.prepare('SELECT line, serial, raw, problems FROM quarantine ORDER BY line, id').all(),
    conflicts: c.prepare('SELECT serial, kind, response_id FROM conflicts ORDER BY id').all(),
    indexes: c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses' ORDER BY name").all(),
    integrity: c.prepare('PRAGMA integrity_check').pluck().get(),
    byProvince: c
      .prepare("SELECT province, count(*) AS n FROM responses WHERE survey_id = ? AND status = 'verified' GROUP BY province ORDER BY province")
      .all(survey.id),
  };
  close();
  return { summary, stored, problems: problems.sort((a, b) => a.line - b.line || a.column.localeCompare(b.column)) };
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
});
afterAll(() => cleanup());

describe('an import read on a worker thread', () => {
  it('stores, quarantines and reports exactly what the same import read on one thread does', async () => {
    const file = join(dir, 'lot.csv');
    writeBatch(file);
    const one = await importInto(file, false);
    const threadsBefore = threads();
    const two = await importInto(file, true);
    // The reader's thread ends with the import (a server runs many imports).
    await expect.poll(threads, { timeout: 2000 }).toBe(threadsBefore);
    expect(one.summary).toEqual({ ...two.summary });
    expect(one.summary).toMatchObject({ rows: 5000, imported: 4991, incomplete: 2, quarantined: 5, duplicates: 1, conflicts: 1, status: 'committed' });
    expect(one.stored.responses.filter((r) => r.status === 'incomplete').map((r) => r.serial)).toEqual(['P0000131', 'P0002601']);
    expect(two.stored.responses).toEqual(one.stored.responses);
    expect(two.stored.quarantine).toEqual(one.stored.quarantine);
    expect(two.stored.conflicts).toEqual(one.stored.conflicts);
    expect(two.problems).toEqual(one.problems);
    // A batch big for its store: the province index is built again instead of kept up to date.
    // Rows are then written in file order rather than province by province: ids differ, not content.
    const bulk = await importInto(file, true, true, 1);
    const content = (stored: typeof one.stored) => ({
      ...stored,
      responses: stored.responses.map(({ id: _id, ...rest }) => rest).sort((a, b) => String(a.serial).localeCompare(String(b.serial))),
    });
    expect(content(bulk.stored)).toEqual(content(one.stored));
    // Incomplete forms (rare) are written after the rest of their block.
    const written = (stored: typeof one.stored) =>
      stored.responses
        .slice(2)
        .filter((r) => r.status !== 'incomplete')
        .map((r) => String(r.serial));
    const inFileOrder = (serials: string[]) => serials.every((serial, i) => i === 0 || serials[i - 1]! < serial);
    expect(inFileOrder(written(bulk.stored))).toBe(true);
    expect(inFileOrder(written(one.stored))).toBe(false);
    expect(one.stored.indexes.map((i) => (i as { name: string }).name)).toContain('responses_scan');
    expect(one.stored.integrity).toBe('ok');
    // Physical lines: the quoted newline in the 8th row moves every later row down by one.
    expect(one.problems.map((p) => [p.line, p.serial])).toEqual([
      [5, 'P0000004'],
      [43, ''],
      [63, 'P0000051'],
      [2225, 'P0002223'],
      [4503, 'P0000011'],
    ]);
  });

  it('reads a workbook on the threads as on one thread', async () => {
    const rows = writeBatch(join(dir, 'for-xlsx.csv'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phiếu');
    sheet.addRow(codes);
    for (const row of rows) sheet.addRow(codes.map((c) => row[c] ?? ''));
    const file = join(dir, 'lot.xlsx');
    await workbook.xlsx.writeFile(file);
    const one = await importInto(file, false);
    const two = await importInto(file, true);
    expect(two.summary).toEqual(one.summary);
    expect(one.summary).toMatchObject({ rows: 5000, quarantined: 5 });
    expect(two.stored).toEqual(one.stored);
    expect(two.problems).toEqual(one.problems);
  });

  it('refuses a file whose text goes bad far down with the same message, writing nothing', async () => {
    const file = join(dir, 'mojibake.csv');
    const text = survey.variables.find((v) => v.type === 'longtext' || v.type === 'text')!.code;
    // Two bad cells: one in a block the second thread packs, one later in a block the reader
    // packs; the first in the file is the one named, as when one thread reads everything.
    writeBatch(file, (rows) => {
      rows[3000]![text] = 'HÃ  Ná»™i';
      rows[4900]![text] = 'HÃ  Ná»™i';
    });
    const one = await importInto(file, false).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(one).toMatch(/line 3003: the file contains garbled Vietnamese/);
    await expect(importInto(file, true)).rejects.toThrow(one!);
  });
});
