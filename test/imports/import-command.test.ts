import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writeFixtures, type Fixture } from './import-fixtures.js';
import { openDatabase } from '../../src/db/open-database.js';
import { insertResponse } from '../../src/modules/responses/response-write-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { serialOf } from './generate-import-rows.js';

const survey = shipped().byId.get('sipas-2023')!;
let dir: string;
let cleanup: () => void;
let fixtures: Record<string, Fixture>;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  fixtures = await writeFixtures(dir, survey);
});
afterAll(() => cleanup());

function count(db: string, sql: string): number {
  const c = new Database(db, { readonly: true });
  try {
    return c.prepare(sql).pluck().get() as number;
  } finally {
    c.close();
  }
}

function importFixture(name: string, db: string, extra: string[] = []): { status: number | null; stdout: string; stderr: string; errors: string[][] } {
  const f = fixtures[name]!;
  const report = join(dir, `${name}-errors.csv`);
  const r = runCli(['import', 'sipas-2023', join(dir, f.file), '--db', db, '--errors', report, ...f.args, ...extra]);
  let errors: string[][];
  try {
    const text = readFileSync(report, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    errors = text
      .slice(1)
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','));
  } catch {
    errors = [];
  }
  return { ...r, errors };
}

describe('sipas import on every real-world file shape', () => {
  for (const name of [
    'utf8Bom',
    'utf16',
    'cp1258',
    'messyHeader',
    'mapping',
    'xlsx',
    'quotedNewline',
    'badRows',
    'badRowsPartial',
    'tcvn3',
    'mojibake',
    'unmapped',
  ]) {
    it(`${name}: exits as expected with the exact counts and error lines`, () => {
      const f = fixtures[name]!;
      const db = join(dir, `${name}.db`);
      const r = importFixture(name, db);
      expect(r.status, r.stderr).toBe(f.exit);
      if (f.summary) expect(r.stdout.trim()).toBe(f.summary);
      if (f.stderr) expect(r.stderr).toMatch(f.stderr);
      // A serial repeated in the file is found when its block is written, so the report is sorted here.
      if (f.errors) expect(r.errors.map((e) => [Number(e[0]), e[1], e[2]]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(f.errors);
      const imported = Number(/imported (\d+)/.exec(r.stdout)?.[1] ?? 0);
      if (f.exit !== 2) expect(count(db, "SELECT count(*) FROM responses WHERE channel = 'import' AND status = 'verified'")).toBe(imported);
      if (f.errors) expect(count(db, 'SELECT count(*) FROM quarantine WHERE resolved_at IS NULL')).toBe(new Set(f.errors.map((e) => e[0])).size);
      if (f.exit === 2) expect(count(db, 'SELECT count(*) FROM batches') + count(db, 'SELECT count(*) FROM quarantine')).toBe(0);
    });
  }

  it('stores Vietnamese text from UTF-16 and Windows-1258 files exactly (NFC)', () => {
    for (const name of ['utf16', 'cp1258']) {
      const db = join(dir, `${name}.db`);
      const c = new Database(db, { readonly: true });
      const values = c.prepare("SELECT answer_values FROM responses WHERE answer_values LIKE '%Hà Nội%'").pluck().all() as string[];
      c.close();
      expect(values.length, name).toBeGreaterThan(0);
      expect(values[0]).toContain('Hà Nội: cán bộ nhiệt tình, thủ tục nhanh');
    }
  });

  it('re-running a file imports nothing twice; changed answers and online answers become conflicts', () => {
    const db = join(dir, 'rerun.db');
    expect(importFixture('utf8Bom', db).stdout.trim()).toBe('imported 20, incomplete 0, quarantined 0, duplicates 0, conflicts 0');
    expect(importFixture('utf8Bom', db).stdout.trim()).toBe('imported 0, incomplete 0, quarantined 0, duplicates 20, conflicts 0');
    expect(count(db, 'SELECT count(*) FROM responses')).toBe(20);
    // A serial answered online, and a stored import whose answers differ from the file's.
    const d = openDatabase(db);
    const online = { surveyId: survey.id, surveyVersion: survey.version, channel: 'online' as const, status: 'verified' as const, at: 1 };
    insertResponse(d, { ...online, serial: serialOf(101), packed: packAnswers(survey, { A1: '01' }) });
    d.$client.prepare('UPDATE responses SET codes = zeroblob(length(codes)) WHERE serial = ?').run(serialOf(2));
    d.$client.close();
    const r = runCli(['import', 'sipas-2023', join(dir, fixtures.utf16!.file), '--db', db, '--batch', 'utf16-first']);
    expect(r.stdout.trim()).toBe('imported 9, incomplete 0, quarantined 0, duplicates 0, conflicts 1');
    const again = importFixture('utf8Bom', db);
    expect(again.stdout.trim()).toBe('imported 0, incomplete 0, quarantined 0, duplicates 19, conflicts 1');
    importFixture('utf8Bom', db);
    expect(count(db, "SELECT count(*) FROM conflicts WHERE kind = 'answered_online'")).toBe(1);
    expect(count(db, "SELECT count(*) FROM conflicts WHERE kind = 'different_answers'")).toBe(1);
    expect(count(db, "SELECT count(*) FROM audit_log WHERE entity = 'batch'")).toBe(5);
  });

  it('all or nothing: a failed batch keeps its quarantine; the corrected file then completes it', () => {
    const db = join(dir, 'fail-then-fix.db');
    expect(importFixture('badRows', db, ['--batch', 'lot-7']).status).toBe(3);
    expect(count(db, "SELECT count(*) FROM batches WHERE status = 'failed'")).toBe(1);
    expect(count(db, 'SELECT count(*) FROM responses')).toBe(0);
    const r = runCli(['import', 'sipas-2023', join(dir, fixtures.utf8Bom!.file), '--db', db, '--batch', 'lot-7']);
    expect(r.status).toBe(0);
    expect(count(db, "SELECT count(*) FROM batches WHERE status = 'committed'")).toBe(1);
    expect(count(db, 'SELECT count(*) FROM quarantine WHERE resolved_at IS NULL')).toBe(0);
  });

  it('stores forms below the usability rule as incomplete, with the rule as their reason, counted in their batch; exit 0', () => {
    const db = join(dir, 'below-rule.db');
    const r = importFixture('belowRule', db);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('imported 4, incomplete 2, quarantined 0, duplicates 0, conflicts 0');
    expect(count(db, 'SELECT count(*) FROM quarantine')).toBe(0);
    const c = new Database(db, { readonly: true });
    try {
      const rows = c.prepare("SELECT serial, status, incomplete_reason AS reason FROM responses WHERE status = 'incomplete' ORDER BY serial").all();
      expect(rows).toEqual([
        { serial: serialOf(952), status: 'incomplete', reason: 'unusable' },
        { serial: serialOf(955), status: 'incomplete', reason: 'unusable' },
      ]);
      const summary = JSON.parse(c.prepare('SELECT summary FROM batches').pluck().get() as string) as { imported: number; incomplete: number };
      expect(summary).toMatchObject({ imported: 4, incomplete: 2 });
    } finally {
      c.close();
    }
  });

  it('--dry-run checks and reports but writes nothing', () => {
    const db = join(dir, 'dry.db');
    const r = importFixture('badRowsPartial', db, ['--dry-run']);
    expect(r.status).toBe(3);
    expect(r.errors).toHaveLength(6);
    expect(count(db, 'SELECT count(*) FROM responses') + count(db, 'SELECT count(*) FROM batches') + count(db, 'SELECT count(*) FROM quarantine')).toBe(0);
  });

  it('refuses a missing file or survey with exit 2', () => {
    expect(runCli(['import', 'sipas-2023', join(dir, 'nope.csv'), '--db', join(dir, 'x.db')]).status).toBe(2);
    expect(runCli(['import', 'sipas-2023', '--db', join(dir, 'x.db')]).status).toBe(2);
  });
});
