import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/run-cli.js';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';
import { createUser, login, type Client } from '../helpers/login.js';
import { tempDir } from '../helpers/temp-db.js';
import { csvLine, writeLargeCsv } from './generate-import-rows.js';
import { makeRows } from './import-fixtures.js';
import { openDatabase, closeDatabase } from '../../src/db/open-database.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { findImportBatchScoped } from '../../src/modules/imports/import-repository.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { defaultImportLimits } from '../../src/config.js';

const survey = shipped().byId.get('sipas-2023')!;
const t = tempDir();
afterAll(() => t.cleanup());

/** A workbook of a few kilobytes on disk whose one shared string unzips to `length` characters. */
async function hostileXlsx(name: string, length: number): Promise<string> {
  const file = join(t.dir, name);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('data');
  sheet.addRow(['SERIAL', 'A1']);
  sheet.addRow(['x'.repeat(length), '01']);
  await book.xlsx.writeFile(file);
  return file;
}

/** `rows` rows of the survey whose required coded answer is out of range: every row is quarantined. */
function badCsv(name: string, rows: number): string {
  const codes = survey.variables.map((v) => v.code);
  const coded = survey.variables.find((v) => v.type === 'single' && v.required && !v.relevant)!.code;
  const lines = [csvLine(codes), ...makeRows(survey, rows, 7).map((r) => csvLine(codes.map((c) => (c === coded ? '99' : (r[c] ?? '')))))];
  const file = join(t.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const noStack = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('sipas import: a file past a limit', () => {
  const db = join(t.dir, 'cli.db');

  it('refuses a small .xlsx holding one enormous shared string, exit 2, a plain message and nothing written', async () => {
    const file = await hostileXlsx('one-string.xlsx', 30_000_000);
    expect(statSync(file).size).toBeLessThan(200_000);
    const r = runCli(['import', 'sipas-2023', file, '--db', db]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('a cell longer than 4000 characters');
    noStack(r.stderr);
  });

  it('refuses an .xlsx that unzips past the configured size', async () => {
    const file = join(t.dir, 'wide.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('data');
    for (let i = 0; i < 20_000; i++) sheet.addRow([i, i * 2, i * 3, 'Hà Nội']);
    await book.xlsx.writeFile(file);
    const r = runCli(['import', 'sipas-2023', file, '--db', db], { env: { SIPAS_IMPORT_MAX_XLSX_MB: '1' } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('unzips to more than 1 MB');
    noStack(r.stderr);
  });

  it('refuses more rows than configured, a cell longer than configured, and a file bigger than configured', async () => {
    const file = join(t.dir, 'ten.csv');
    await writeLargeCsv(file, survey, 10, 3);
    const rows = runCli(['import', 'sipas-2023', file, '--db', db], { env: { SIPAS_IMPORT_MAX_ROWS: '5' } });
    expect(rows.status, rows.stderr).toBe(2);
    expect(rows.stderr).toContain('more than 5 rows');
    noStack(rows.stderr);

    const longCell = join(t.dir, 'long-cell.csv');
    const text = readFileSync(file, 'utf8').split('\n');
    text[3] = text[3]!.replace(/^[^,]*/, (serial) => `"${serial}${'é'.repeat(5000)}"`);
    writeFileSync(longCell, text.join('\n'));
    const cell = runCli(['import', 'sipas-2023', longCell, '--db', db]);
    expect(cell.status, cell.stderr).toBe(2);
    expect(cell.stderr).toContain('line 4, column 1: a cell longer than 4000 characters');

    const big = runCli(['import', 'sipas-2023', file, '--db', db], { env: { SIPAS_IMPORT_MAX_MB: '1' } });
    expect(big.status).toBe(0);
    writeFileSync(join(t.dir, 'big.csv'), Buffer.concat([readFileSync(file), Buffer.alloc(1_100_000, '\n')]));
    const refused = runCli(['import', 'sipas-2023', join(t.dir, 'big.csv'), '--db', db, '--batch', 'big'], { env: { SIPAS_IMPORT_MAX_MB: '1' } });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('larger than 1 MB');
    const conn = openDatabase(db);
    try {
      // Only the run within the limits stored anything.
      expect(countResponses(conn, 'sipas-2023')).toBe(10);
    } finally {
      closeDatabase(conn);
    }
  });

  it('keeps the first bad rows in full and counts the rest, in the quarantine and in the error report', () => {
    const file = badCsv('bad-rows.csv', 12);
    const report = join(t.dir, 'bad-rows-errors.csv');
    const r = runCli(['import', 'sipas-2023', file, '--db', db, '--errors', report], { env: { SIPAS_IMPORT_KEEP_BAD_ROWS: '4' } });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toContain('quarantined 12');
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    expect(lines.slice(1, 5).map((l) => Number(l.split(',')[0]))).toEqual([2, 3, 4, 5]);
    expect(lines.at(-1)).toContain('and 8 more bad rows (counted, not kept)');
    const conn = openDatabase(db);
    try {
      expect(conn.$client.prepare('SELECT count(*) FROM quarantine WHERE resolved_at IS NULL AND batch_id = (SELECT max(id) FROM batches)').pluck().get()).toBe(
        4,
      );
    } finally {
      closeDatabase(conn);
    }
  });
});

describe('a web import', () => {
  let app: TestApp;
  let supervisor: Client;
  let big: string;

  beforeAll(async () => {
    app = await startTestApp({ config: { importLimits: { ...defaultImportLimits(), keepBadRows: 3 } } });
    const { password } = await createUser(app.deps.db, { username: 'giamsat', role: 'supervisor', provinces: survey.places.places.map((p) => p.code) });
    supervisor = await login(app.url, 'giamsat', password);
    big = join(t.dir, 'big-web.csv');
    await writeLargeCsv(big, survey, 60_000, 11);
  });
  afterAll(() => app.close());

  async function upload(file: string, name: string, batch: string): Promise<string> {
    const form = new FormData();
    form.set('_csrf', supervisor.csrf);
    form.set('survey', 'sipas-2023');
    form.set('batch', batch);
    form.set('file', new Blob([readFileSync(file)]), name);
    const res = await supervisor.fetch('/imports', { method: 'POST', body: form });
    expect(res.status).toBe(303);
    return res.headers.get('location')!.split('?')[0]!;
  }
  async function status(job: string): Promise<{ state: string; rows: number; message: string | null; batchId: number | null }> {
    return (await (await supervisor.fetch(`${job}.json`)).json()) as { state: string; rows: number; message: string | null; batchId: number | null };
  }
  async function finished(job: string): Promise<Awaited<ReturnType<typeof status>>> {
    for (;;) {
      const s = await status(job);
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('runs off the server’s thread: /healthz and a respondent’s page answer while it reads, then it can be cancelled, leaving the database as it was', async () => {
    const before = countResponses(app.deps.db, 'sipas-2023');
    const job = await upload(big, 'lot-60k.csv', 'Lô lớn 01');
    // Wait until rows are being read, then ask the server other things.
    while ((await status(job)).rows === 0) await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`${app.url}/s/sipas-2023`);
    expect(page.status).toBe(200);
    // Both were answered while the import was still going.
    expect((await status(job)).state).toBe('running');

    const jobPage = await (await supervisor.fetch(job)).text();
    expect(jobPage).toContain('Dừng nhập');
    const cancel = await supervisor.post(`${job}/cancel`);
    expect(cancel.status).toBe(303);
    const end = await finished(job);
    expect(end.state).toBe('cancelled');
    expect(countResponses(app.deps.db, 'sipas-2023')).toBe(before);
    expect(await (await supervisor.fetch(job)).text()).toContain('Đã dừng nhập: không lưu gì của tệp này.');
    const batch = app.deps.db.$client.prepare("SELECT id, status FROM batches WHERE name = 'Lô lớn 01'").get() as { id: number; status: string };
    expect(batch.status).toBe('cancelled');
    expect(auditHistory(app.deps.db, 'batch', batch.id).map((a) => a.action)).toContain('import_cancelled');
    // The same file again, not cancelled, imports every row into the same batch.
    const again = await finished(await upload(big, 'lot-60k.csv', 'Lô lớn 01'));
    expect(again.state).toBe('done');
    expect(findImportBatchScoped(app.deps.db, batch.id, null)!.status).toBe('committed');
    expect(countResponses(app.deps.db, 'sipas-2023')).toBe(before + 60_000);
  });

  it('refuses a hostile .xlsx with a plain message, and its error report stops at the rows kept', async () => {
    const refused = await finished(await upload(await hostileXlsx('web-string.xlsx', 30_000_000), 'web-string.xlsx', 'hostile'));
    expect(refused.state).toBe('refused');
    expect(refused.message).toContain('a cell longer than 4000 characters');

    const bad = await finished(await upload(badCsv('web-bad.csv', 9), 'web-bad.csv', 'bad rows'));
    expect(bad.state).toBe('done');
    const report = await (await supervisor.fetch(`/imports/${bad.batchId}/errors.csv`)).text();
    const lines = report.trim().split('\n');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toContain('and 6 more bad rows (counted, not kept)');
  });
});
