import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createUser, login } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { shipped, startTestApp, type TestApp } from '../helpers/test-app.js';
import { csvLine, seededRandom, validCells } from '../imports/generate-import-rows.js';
import { storeResponse, tinyCatalog, validAnswers } from '../auth/response-fixtures.js';

/**
 * Issue 19, item 5: what a respondent or a file can put in a cell never reaches a spreadsheet
 * as a live formula, and a serial that is not a serial is refused wherever serials enter.
 */

// A cell a spreadsheet would run: starts like a formula and is not just a number (the missing codes -1, -2 are numbers).
const formulaStart = /^(?![+-]?\d+(\.\d+)?$)[=+\-@\t\r]/;
const cellsOf = (csv: string): string[][] => {
  const rows: string[][] = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true });
  return rows;
};

describe('the microdata export', () => {
  let app: TestApp;
  beforeAll(async () => {
    const { catalog, survey } = tinyCatalog();
    app = await startTestApp({ surveys: catalog });
    storeResponse(app.deps.db, survey, { ...validAnswers('01'), NOTE: '=HYPERLINK("http://x.vn","y")', AGE: 40 }, { status: 'verified' });
    storeResponse(app.deps.db, survey, { ...validAnswers('79'), NOTE: '@SUM(1+1)' }, { status: 'verified' });
  });
  afterAll(() => app.close());

  it('neutralises text answers that start like a formula; numbers stay numbers', async () => {
    const analyst = await login(app.url, 'pt', (await createUser(app.deps.db, { username: 'pt', role: 'analyst' })).password);
    const res = await analyst.fetch('/analysis/tiny/microdata/data.csv');
    expect(res.status).toBe(200);
    const rows = cellsOf(await res.text());
    const header = rows[0]!;
    const note = header.indexOf('NOTE');
    const age = header.indexOf('AGE');
    expect(rows.slice(1).map((r) => r[note])).toEqual([`'=HYPERLINK("http://x.vn","y")`, "'@SUM(1+1)"]);
    expect(rows[1]![age]).toBe('40');
    for (const r of rows) for (const c of r) expect(c).not.toMatch(formulaStart);
  });
});

describe('serials and cells of an imported file', () => {
  const survey = shipped().byId.get('sipas-2023')!;
  let dir: { dir: string; cleanup: () => void };
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  it('a serial that is not a serial is quarantined with a clear message, and the error report holds no live formula', () => {
    const codes = survey.variables.map((v) => v.code);
    const rnd = seededRandom(7);
    const bad = ['=cmd|x', '<script>alert(1)</script>', 'A'.repeat(500), '+1-2'];
    const rows = [validCells(survey, rnd, 'GOOD-1'), ...bad.map((s) => validCells(survey, rnd, s))];
    // A coded cell holding a formula, in a row with a good serial:
    rows.push({ ...validCells(survey, rnd, 'GOOD-2'), A5: '=1+1' });
    const file = join(dir.dir, 'batch.csv');
    writeFileSync(file, [csvLine(codes), ...rows.map((r) => csvLine(codes.map((c) => r[c] ?? '')))].join('\n') + '\n');
    const report = join(dir.dir, 'errors.csv');
    const r = runCli(['import', 'sipas-2023', file, '--db', join(dir.dir, 'sipas.db'), '--partial', '--errors', report]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/imported 1, incomplete 0, quarantined 5/);
    const lines = cellsOf(readFileSync(report, 'utf8'));
    const reasons = lines.slice(1).map((l) => l[5]);
    expect(reasons.filter((x) => x === 'a serial holds letters, digits and . _ / - (at most 40 characters)')).toHaveLength(4);
    for (const l of lines) for (const c of l) expect(c).not.toMatch(formulaStart);
    expect(lines.some((l) => l.includes(`'=cmd|x`))).toBe(true);
    expect(lines.some((l) => l.includes(`'=1+1`))).toBe(true);
  });
});
