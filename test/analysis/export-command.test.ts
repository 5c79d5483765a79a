import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { registerSurveyVersions } from '../../src/db/survey-version-repository.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDb } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { seedResponses } from './analysis-fixtures.js';

let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
  const survey = shipped().byId.get('sipas-2023')!;
  registerSurveyVersions(
    t.db,
    [...shipped().byVersion.values()].map((s) => s.definition),
    Date.now(),
  );
  seedResponses(t.db, survey, { n: 60, provinces: ['01', '79'], distinct: 30 });
  t.db.$client.close();
});
afterAll(() => t.cleanup());

describe('sipas export', () => {
  it('writes the CSV, codebook and R script for the provinces asked, and records the export', () => {
    const out = join(t.dir, 'out');
    const r = runCli(['export', 'sipas-2023', '--format', 'r', '--out', out, '--province', '79', '--db', t.path]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['sipas-2023-codebook.csv', 'sipas-2023-data.csv', 'sipas-2023.R']);
    const rows = parse<Record<string, string>>(readFileSync(join(out, 'sipas-2023-data.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((x) => x.A1))).toEqual(new Set(['79']));
    expect(r.stdout).toContain(`${rows.length} responses of sipas-2023`);
    const codebook = parse<Record<string, string>>(readFileSync(join(out, 'sipas-2023-codebook.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(codebook.map((c) => c.column)).toEqual(Object.keys(rows[0]!));
    const db = openDatabase(t.path);
    const entry = db.$client.prepare("SELECT actor, detail FROM audit_log WHERE entity = 'export' ORDER BY id DESC LIMIT 1").get() as {
      actor: string;
      detail: string;
    };
    db.$client.close();
    expect(entry.actor).toBe('cli');
    expect(JSON.parse(entry.detail)).toMatchObject({ kind: 'microdata', format: 'r', provinces: ['79'], responses: rows.length });
  });

  it('refuses an unknown format or province with exit code 2', () => {
    expect(runCli(['export', 'sipas-2023', '--format', 'sav', '--db', t.path]).status).toBe(2);
    const r = runCli(['export', 'sipas-2023', '--province', '99', '--db', t.path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('province "99"');
  });
});
