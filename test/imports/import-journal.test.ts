import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport, type ImportRequest } from '../../src/modules/imports/run-import.js';
import { closeDatabase, openDatabase } from '../../src/db/open-database.js';
import { countResponses } from '../../src/modules/responses/response-repository.js';
import { headerJournalMode as headerMode, tempDb, tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writeLargeCsv } from './generate-import-rows.js';

const survey = shipped().byId.get('sipas-2023')!;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await writeLargeCsv(join(dir, 'lot.csv'), survey, 6000, 5);
});
afterAll(() => cleanup());

function request(db: ImportRequest['db'], onProgress: () => void, file = join(dir, 'lot.csv')): ImportRequest {
  return {
    db,
    survey,
    file,
    fileName: 'lot.csv',
    batchName: 'lot',
    dryRun: false,
    partial: false,
    requiresVerification: false,
    actor: { userId: null, name: 'test' },
    now: () => 1,
    withoutWalFrom: 1,
    onProgress,
  };
}

describe('a big batch and the WAL', () => {
  it('is written without the WAL when nothing else has the database open, and leaves it in WAL mode', async () => {
    const t = tempDb();
    try {
      const during = new Set<string>();
      const summary = await runImport(request(t.db, () => void during.add(headerMode(t.path))));
      expect(summary).toMatchObject({ imported: 6000, quarantined: 0, status: 'committed' });
      expect([...during]).toEqual(['rollback']);
      expect(headerMode(t.path)).toBe('wal');
      expect(t.db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(t.db.$client.pragma('synchronous', { simple: true })).toBe(1);
      expect(t.db.$client.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      expect(countResponses(t.db, survey.id)).toBe(6000);
    } finally {
      t.cleanup();
    }
  });

  it('is back in WAL mode, unchanged, after a refused file', async () => {
    const t = tempDb();
    try {
      const broken = join(dir, 'broken.csv');
      // A quote opened on the last line and never closed: found only at the end of the file.
      writeFileSync(broken, readFileSync(join(dir, 'lot.csv'), 'utf8') + 'P9999999,"1\n');
      const during = new Set<string>();
      await expect(runImport(request(t.db, () => void during.add(headerMode(t.path)), broken))).rejects.toThrow(/never closed/);
      expect([...during]).toEqual(['rollback']);
      expect(headerMode(t.path)).toBe('wal');
      expect(countResponses(t.db, survey.id)).toBe(0);
      expect(t.db.$client.prepare('SELECT count(*) FROM batches').pluck().get()).toBe(0);
      expect(t.db.$client.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      t.cleanup();
    }
  });

  it('keeps the WAL when another connection has the file open, which goes on seeing the state before the batch', async () => {
    const t = tempDb();
    const reader = openDatabase(t.path, { readonly: true });
    try {
      // The batch commits in chunks, its rows out of sight until the last: readers see none before.
      const count = { get: () => countResponses(reader, survey.id) };
      expect(count.get()).toBe(0);
      const seen = new Set<string>();
      const summary = await runImport(request(t.db, () => void seen.add(`${headerMode(t.path)} ${String(count.get())}`)));
      expect(summary).toMatchObject({ imported: 6000, status: 'committed' });
      expect([...seen]).toEqual(['wal 0']);
      expect(count.get()).toBe(6000);
    } finally {
      closeDatabase(reader);
      t.cleanup();
    }
  });
});
