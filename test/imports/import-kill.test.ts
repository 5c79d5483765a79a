import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/run-cli.js';
import { headerJournalMode as headerMode, tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writeLargeCsv } from './generate-import-rows.js';
import { openDatabase, closeDatabase } from '../../src/db/open-database.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { undoInterruptedImports } from '../../src/modules/imports/import-runs.js';

const survey = shipped().byId.get('sipas-2023')!;
const sipas = join(import.meta.dirname, '..', '..', 'scripts', 'sipas.mjs');
const ROWS = 60_000;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await writeLargeCsv(join(dir, 'small.csv'), survey, 500, 11, 900_001);
  await writeLargeCsv(join(dir, 'big.csv'), survey, ROWS, 12);
});
afterAll(() => cleanup());

function snapshot(db: string): { responses: number; batches: number; integrity: string; indexes: unknown[] } {
  const c = new Database(db);
  try {
    return {
      responses: c.prepare('SELECT count(*) FROM responses').pluck().get() as number,
      batches: c.prepare('SELECT count(*) FROM batches').pluck().get() as number,
      integrity: c.prepare('PRAGMA integrity_check').pluck().get() as string,
      // A big batch takes the province index off while it writes: a kill must bring it back.
      indexes: c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
    };
  } finally {
    c.close();
  }
}

describe('sipas import killed midway', () => {
  it('leaves the database exactly as before, and the same command then completes the batch', async () => {
    const db = join(dir, 'kill.db');
    expect(runCli(['import', 'sipas-2023', join(dir, 'small.csv'), '--db', db]).status).toBe(0);
    const before = snapshot(db);
    const args = [sipas, 'import', 'sipas-2023', join(dir, 'big.csv'), '--db', db, '--progress'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } });
    // Kill at the second progress line: well inside the one big transaction.
    await new Promise<void>((resolve, reject) => {
      let lines = 0;
      child.stderr.on('data', (d: Buffer) => {
        lines += d
          .toString()
          .split('\n')
          .filter((l) => /rows\/s/.test(l)).length;
        if (lines >= 2) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the import ended (exit ${code}) before it could be killed`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The file is big and nothing else had it open: it was being written without the WAL, and
    // the journal left behind is what puts it back.
    expect(headerMode(db)).toBe('rollback');
    expect(existsSync(`${db}-journal`)).toBe(true);
    expect(snapshot(db)).toEqual(before);
    const rerun = runCli(['import', 'sipas-2023', join(dir, 'big.csv'), '--db', db]);
    expect(rerun.stdout.trim()).toBe(`imported ${ROWS}, incomplete 0, quarantined 0, duplicates 0, conflicts 0`);
    expect(snapshot(db)).toEqual({ responses: before.responses + ROWS, batches: before.batches + 1, integrity: 'ok', indexes: before.indexes });
    expect(headerMode(db)).toBe('wal');
  });

  it('while another connection has the database (chunks committed): no row of it is seen, start-up undoes it, the same command completes it', async () => {
    const db = join(dir, 'kill-shared.db');
    expect(runCli(['import', 'sipas-2023', join(dir, 'small.csv'), '--db', db]).status).toBe(0);
    const before = snapshot(db);
    // A server's connection: the import cannot have the file alone, so it commits in chunks.
    const server = openDatabase(db);
    try {
      const args = [sipas, 'import', 'sipas-2023', join(dir, 'big.csv'), '--db', db, '--progress'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } });
      await new Promise<void>((resolve, reject) => {
        let lines = 0;
        child.stderr.on('data', (d: Buffer) => {
          lines += d
            .toString()
            .split('\n')
            .filter((l) => /rows\/s/.test(l)).length;
          if (lines >= 2) resolve();
        });
        child.on('exit', (code) => reject(new Error(`the import ended (exit ${code}) before it could be killed`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // Chunks of the batch are committed, yet nothing reading responses sees them.
      const raw = server.$client.prepare('SELECT count(*) FROM responses').pluck().get() as number;
      expect(raw).toBeGreaterThan(before.responses);
      expect(countResponses(server, 'sipas-2023')).toBe(before.responses);
      // What the server does at start: the killed process's rows and its batch go.
      expect(undoInterruptedImports(server, { atStart: true })).toHaveLength(1);
    } finally {
      closeDatabase(server);
    }
    expect(snapshot(db)).toEqual(before);
    const rerun = runCli(['import', 'sipas-2023', join(dir, 'big.csv'), '--db', db]);
    expect(rerun.stdout.trim()).toBe(`imported ${ROWS}, incomplete 0, quarantined 0, duplicates 0, conflicts 0`);
    expect(snapshot(db)).toEqual({ responses: before.responses + ROWS, batches: before.batches + 1, integrity: 'ok', indexes: before.indexes });
  });
});
