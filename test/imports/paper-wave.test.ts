import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writePaperWave, type PaperWave } from './generate-paper-wave.js';

/**
 * Issue 17: a realistic postal wave of the newest sipas-2023 — 34 provinces, 30,600 forms, 3% of
 * answers left blank at random over every item, required ones included — is taken as it comes.
 */
const survey = shipped().byId.get('sipas-2023')!;
const ROWS = 34 * 900;
let dir: string;
let cleanup: () => void;
let wave: PaperWave;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  wave = writePaperWave(join(dir, 'wave.csv'), survey, ROWS, 2023, 0.03);
});
afterAll(() => cleanup());

describe('a postal wave with 3% blank answers', () => {
  it('has blanks spread over every item, required ones included, about 3% of the answers', () => {
    const askable = survey.variables.filter((v) => v.slot >= 0 && v.type !== 'multiple-option');
    for (const v of askable) expect(wave.blanks.get(v.code) ?? 0, v.code).toBeGreaterThan(0);
    expect(askable.filter((v) => v.required).length).toBeGreaterThan(50);
    const total = [...wave.blanks.values()].reduce((a, b) => a + b, 0);
    expect(total / wave.cells).toBeGreaterThan(0.027);
    expect(total / wave.cells).toBeLessThan(0.033);
  });

  it('imports with 0 quarantined and 0 incomplete: every form stored, its blanks missing (code 0), exit 0', () => {
    const db = join(dir, 'wave.db');
    const r = runCli(['import', 'sipas-2023', join(dir, 'wave.csv'), '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`imported ${ROWS}, incomplete 0, quarantined 0, duplicates 0, conflicts 0`);
    expect(r.status).toBe(0);
    const c = new Database(db, { readonly: true });
    try {
      expect(c.prepare("SELECT count(*) FROM responses WHERE status = 'verified' AND survey_version = ?").pluck().get(survey.version)).toBe(ROWS);
      expect(c.prepare('SELECT count(DISTINCT province) FROM responses').pluck().get()).toBe(34);
      // Each required item's blanks are stored as code 0, exactly as many as the file left blank.
      for (const code of ['A5', 'C8_1', 'C9_01', 'C9_33', 'C10_10']) {
        const v = survey.byCode.get(code)!;
        expect(v.required, code).toBe(true);
        const blank = c
          .prepare(`SELECT count(*) FROM responses WHERE hex(substr(codes, ${v.slot + 1}, 1)) = '00'`)
          .pluck()
          .get();
        expect(blank, code).toBe(wave.blanks.get(code));
      }
      expect(c.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(0);
    } finally {
      c.close();
    }
  });
});
