import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { csvLine, seededRandom, validCells } from '../imports/generate-import-rows.js';
import { seededRandom as rng } from '../helpers/random-answers.js';

/** Issue 19, item 11: plain, right messages for files that cannot be imported, through the real CLI. */

const survey = shipped().byId.get('sipas-2023')!;
const codes = survey.variables.map((v) => v.code);
let dir: { dir: string; cleanup: () => void };
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.cleanup());

const rows = (n: number, seed: number) => Array.from({ length: n }, (_, i) => validCells(survey, seededRandom(seed + i), `MSG-${seed}-${i}`));
const csvText = (rs: Record<string, string>[]) => [csvLine(codes), ...rs.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n';

function importFile(name: string, content: string | Buffer) {
  const file = join(dir.dir, name);
  writeFileSync(file, content);
  return runCli(['import', 'sipas-2023', file, '--db', join(dir.dir, `${name}.db`)]);
}

describe('import messages', () => {
  it('a header-only file is an error: exit 2 and a plain message', () => {
    const r = importFile('header-only.csv', `${csvLine(codes)}\n`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/header line but no forms/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a random binary file gives one short plain line', () => {
    const random = rng(42);
    const bytes = Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(random() * 256)));
    const r = importFile('random.csv', bytes);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a text \(CSV\) file nor an Excel workbook/);
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('UTF-8 with a broken byte is reported as broken UTF-8, not as TCVN3', () => {
    const good = Buffer.from(csvText(rows(20, 1).map((r) => ({ ...r, A4: 'Thôn Đông Hà Nội' }))), 'utf8');
    const at = good.indexOf(Buffer.from('Đông', 'utf8'), 200);
    good[at + 1] = 0x41; // the second byte of "Đ" replaced: an invalid sequence
    const r = importFile('broken-utf8.csv', good);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/UTF-8 with broken bytes \(the first at byte \d+\)/);
    expect(r.stderr).not.toMatch(/TCVN3/);
  });

  it('TCVN3 text already saved as Unicode ("Hµ Néi") is flagged, not stored garbled', () => {
    const r = importFile('tcvn3-as-utf8.csv', Buffer.from(csvText(rows(3, 50).map((x) => ({ ...x, A4: 'Hµ Néi' }))), 'utf8'));
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/TCVN3 text shown as Unicode/);
    expect(r.stdout).not.toMatch(/imported [1-9]/);
  });

  it('an XLSX formula without a saved value is reported with its cell, not read as empty', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(codes);
    for (const r of rows(2, 70)) sheet.addRow(codes.map((c) => r[c] ?? ''));
    sheet.getCell('B3').value = { formula: 'B2+1' };
    const file = join(dir.dir, 'formula.xlsx');
    await workbook.xlsx.writeFile(file);
    const r = runCli(['import', 'sipas-2023', file, '--db', join(dir.dir, 'formula.db')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/row 3, column B: a formula without a saved value/);
  });
});
