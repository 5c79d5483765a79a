import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { openDatabase } from '../../src/db/open-database.js';
import { randomAnswers, seededRandom } from '../helpers/random-answers.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';

const survey = shipped().byId.get('sipas-2023')!;
let t: ReturnType<typeof tempDb>;

function fill(from: number, count: number, seed: number, status: 'verified' | 'submitted' = 'verified'): void {
  const rand = seededRandom(seed);
  const db = openDatabase(t.path);
  const insert = prepareBulkInsert(db);
  db.$client.transaction(() => {
    for (let i = from; i < from + count; i++) {
      insert({
        surveyId: survey.id,
        surveyVersion: survey.version,
        serial: `S${i}`,
        channel: 'import',
        status,
        packed: packAnswers(survey, randomAnswers(survey, rand, `S${i}`, { provinces: ['01', '79', '31', '48'] })),
        at: 0,
      });
    }
  })();
  db.$client.close();
}

interface JsonRun {
  stamp: {
    survey: { id: string; version: string };
    responses: { used: number; dataHash: string };
    rules: unknown;
    engine: { version: string };
    computedAt: string;
    weighting: { kind: string };
  };
  results: {
    groups: {
      key: string;
      n: number;
      rank: number;
      values: Record<string, { estimate: number; se: number }>;
      nonresponse: Record<string, { valid: number; missing: number; notAsked: number; flagged: boolean }>;
    }[];
    overall: { values: Record<string, { estimate: number }> };
  };
  change?: { wave: string; groups: { key: string; difference: number; se: number; significant: boolean }[] };
}

beforeAll(() => {
  t = tempDb();
  t.db.$client.close();
  fill(0, 800, 1);
  fill(800, 50, 2, 'submitted');
});
afterAll(() => t.cleanup());

const index = (...args: string[]) => runCli(['index', 'sipas-2023', '--db', t.path, ...args]);

describe('sipas index and sipas publish', () => {
  it('prints a ranking table of the provinces by default, Vietnamese labels and all', () => {
    const r = index();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Hạng');
    expect(r.stdout).toContain('TP Hồ Chí Minh');
    expect(r.stdout).toContain('Toàn quốc');
  });

  it('gives JSON with the method stamp, counting only verified responses', () => {
    const run = JSON.parse(index('--format', 'json').stdout) as JsonRun;
    expect(run.stamp.survey).toMatchObject({ id: 'sipas-2023', version: survey.version });
    expect(run.stamp.responses.used).toBe(800);
    expect(run.stamp.responses.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stamp.rules).toEqual(survey.definition.scoring);
    expect(run.results.groups.map((g) => g.key).sort()).toEqual(['01', '31', '48', '79']);
    expect(run.results.groups.reduce((n, g) => n + g.n, 0)).toBe(800);
  });

  it('writes an XLSX whose ranking sheet holds the same numbers as the JSON, plus a method sheet', async () => {
    const out = join(t.dir, 'index.xlsx');
    expect(index('--format', 'xlsx', '--out', out).status).toBe(0);
    const run = JSON.parse(index('--format', 'json').stdout) as JsonRun;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ranking', 'Indices', 'Nonresponse', 'Method']);
    const sheet = wb.getWorksheet('Ranking')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = (sheet.getRow(r).values as unknown[]).slice(1);
      const g = run.results.groups.find((x) => x.key === row[header.indexOf('group')])!;
      expect(row[header.indexOf('index')]).toBe(g.values.headline!.estimate);
      expect(row[header.indexOf('se')]).toBe(g.values.headline!.se);
      expect(row[header.indexOf('rank')]).toBe(g.rank);
    }
    expect(JSON.stringify(wb.getWorksheet('Method')!.getSheetValues())).toContain(run.stamp.responses.dataHash);
    // Item nonresponse: the same valid and missing counts as the JSON, per province and item.
    const nr = wb.getWorksheet('Nonresponse')!;
    const nrHeader = (nr.getRow(1).values as unknown[]).slice(1);
    const col = (name: string): number => nrHeader.indexOf(name);
    let blanks = 0;
    for (let r = 2; r <= nr.rowCount; r++) {
      const row = (nr.getRow(r).values as unknown[]).slice(1);
      if (row[col('group')] === 'ALL') continue;
      const m = run.results.groups.find((x) => x.key === row[col('group')])!.nonresponse[row[col('item')] as string]!;
      expect([row[col('valid_n')], row[col('missing_n')], row[col('not_asked_n')], row[col('flag')]]).toEqual([m.valid, m.missing, m.notAsked, m.flagged]);
      blanks += m.missing;
    }
    expect(nr.rowCount).toBe(1 + (4 + 1) * survey.definition.scoring.indicators.length);
    // The generated forms leave optional items (C4, C5, C10_08) blank now and then.
    expect(blanks).toBeGreaterThan(0);
  });

  it('writes the long CSV with a BOM, one row per group and quantity', () => {
    const r = index('--format', 'csv', '--by', 'gender');
    expect(r.stdout.startsWith('\uFEFFgroup,group_vi')).toBe(true);
    expect(r.stdout.split('\n')[0]).toContain(',n,df,valid_n,missing_n,not_asked_n,missing_rate,nonresponse_flag');
    expect(r.stdout).toContain('Nữ');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('ALL,')).length).toBe(survey.definition.scoring.indicators.length + 9 + 2 + 1);
  });

  it('publishes a wave once, refuses to overwrite it, and compares the next run with it', () => {
    const first = runCli(['publish', 'sipas-2023', '--wave', '2025', '--db', t.path]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/published sipas-2023 wave 2025: 800 responses/);
    const again = runCli(['publish', 'sipas-2023', '--wave', '2025', '--db', t.path]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already published');
    fill(900, 400, 3);
    const run = JSON.parse(index('--format', 'json', '--compare', '2025').stdout) as JsonRun;
    expect(run.change?.wave).toBe('2025');
    const hn = run.change!.groups.find((g) => g.key === '01')!;
    expect(hn.se).toBeGreaterThan(0);
    expect(typeof hn.significant).toBe('boolean');
    const db = openDatabase(t.path);
    expect(db.$client.prepare('SELECT count(*) FROM published_runs').pluck().get()).toBe(1);
    expect(auditHistory(db, 'published_run', 1)[0]).toMatchObject({ action: 'publish', actor: 'cli' });
    db.$client.close();
  });

  it('applies a population file for design weights and says which responses it cannot place', () => {
    const pop = join(t.dir, 'pop.csv');
    writeFileSync(pop, 'province,population\n01,8000000\n79,9000000\n31,2000000\n48,1200000\n');
    const run = JSON.parse(index('--format', 'json', '--weights', pop).stdout) as JsonRun;
    expect(run.stamp.weighting.kind).toBe('design');
    writeFileSync(pop, 'province,population\n01,8000000\n');
    const bad = index('--weights', pop);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/pop\.csv: responses with province=\d\d have no row in the file/);
  });

  it('refuses unknown groupings and options with exit 2 and a plain message', () => {
    expect(index('--by', 'shoe_size').stderr).toContain('cannot group by "shoe_size"');
    expect(index('--interval', 'wilson').stderr).toContain('--interval must be logit or beta');
    expect(index('--format', 'xlsx').stderr).toContain('--format xlsx needs --out FILE');
    expect(readFileSync(t.path).length).toBeGreaterThan(0);
  });
});
