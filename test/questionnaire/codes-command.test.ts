import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { openDatabase } from '../../src/db/open-database.js';
import { hashCode, normaliseCode } from '../../src/modules/access-codes/access-code-format.js';
import { countAccessCodes, findAccessCodeByHash } from '../../src/modules/access-codes/access-code-repository.js';

describe('sipas codes', () => {
  it('writes serial,code CSV and stores only hashes of the codes', () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'sipas.db');
      const out = join(t.dir, 'codes.csv');
      const r = runCli(['codes', 'sipas-2023', '--batch', 'HN_01', '--province', '01', '--count', '25', '--out', out, '--db', db]);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.status).toBe(0);
      const rows: { serial: string; code: string }[] = parse(readFileSync(out, 'utf8'), { columns: true });
      expect(rows).toHaveLength(25);
      expect(rows[0]!.serial).toBe('HN_01-000001');
      expect(new Set(rows.map((x) => x.code)).size).toBe(25);
      for (const row of rows) expect(row.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const conn = openDatabase(db);
      expect(countAccessCodes(conn, 'sipas-2023')).toEqual({ total: 25, used: 0 });
      expect(conn.$client.prepare("SELECT province FROM batches WHERE name = 'HN_01'").pluck().get()).toBe('01');
      const stored = findAccessCodeByHash(conn, 'sipas-2023', hashCode(normaliseCode(rows[3]!.code)!));
      expect(stored?.serial).toBe(rows[3]!.serial);
      const clear = conn.$client.prepare('SELECT count(*) FROM access_codes WHERE code_hash = ?').pluck().get(rows[3]!.code);
      expect(clear).toBe(0);
      conn.$client.close();
    } finally {
      t.cleanup();
    }
  });

  it('prints the CSV when no file is given, and refuses a batch name used before', () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'sipas.db');
      const first = runCli(['codes', 'sipas-2017', '--batch', 'B1', '--province', '01', '--count', '3', '--db', db]);
      expect(first.status).toBe(0);
      expect(first.stdout.trim().split('\n')).toHaveLength(4);
      const again = runCli(['codes', 'sipas-2017', '--batch', 'B1', '--province', '01', '--count', '3', '--db', db]);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('already has a batch named "B1"');
    } finally {
      t.cleanup();
    }
  });

  it('refuses bad arguments with exit code 2', () => {
    const t = tempDir();
    try {
      const db = join(t.dir, 'sipas.db');
      expect(runCli(['codes', 'sipas-2023', '--count', '3', '--db', db]).status).toBe(2);
      expect(runCli(['codes', 'sipas-2023', '--batch', 'X', '--province', '01', '--count', 'many', '--db', db]).status).toBe(2);
      expect(runCli(['codes', 'nope', '--batch', 'X', '--province', '01', '--count', '2', '--db', db]).status).toBe(2);
      const noProvince = runCli(['codes', 'sipas-2023', '--batch', 'X', '--count', '2', '--db', db]);
      expect(noProvince.status).toBe(2);
      expect(noProvince.stderr).toContain('--province CODE is required');
      // 02 (Hà Giang) is on the 63-province list only; sipas-2023 uses the 34.
      expect(runCli(['codes', 'sipas-2023', '--batch', 'X', '--province', '02', '--count', '2', '--db', db]).status).toBe(2);
      expect(runCli(['codes', 'sipas-2017', '--batch', 'X', '--province', '02', '--count', '2', '--db', db]).status).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('for a survey open to anyone, notes on stderr, on a line of its own, that the codes are not checked', () => {
    const t = tempDir();
    try {
      // Only the first, open-link version: the codes it gets are not asked for online.
      const surveys = join(t.dir, 'surveys');
      mkdirSync(surveys);
      cpSync(join(import.meta.dirname, '..', '..', 'surveys', 'reference'), join(surveys, 'reference'), { recursive: true });
      cpSync(join(import.meta.dirname, '..', '..', 'surveys', 'sipas-2023.json'), join(surveys, 'sipas-2023.json'));
      const r = runCli(['codes', 'sipas-2023', '--batch', 'OPEN1', '--province', '01', '--count', '2', '--db', join(t.dir, 'sipas.db')], {
        env: { SIPAS_SURVEYS: surveys },
      });
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split(/\r?\n/)).toHaveLength(3);
      expect(r.stdout).not.toContain('note');
      expect(r.stderr).toMatch(/^note: sipas-2023 is open to anyone online[^\n]*\n$/);
    } finally {
      t.cleanup();
    }
  });
});
