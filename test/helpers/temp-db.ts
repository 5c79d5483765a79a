import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';

/** A real SQLite file in its own temp folder; `cleanup` closes and deletes it. */
export function tempDb(): { db: Db; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-test-'));
  const path = join(dir, 'sipas.db');
  const db = openDatabase(path);
  return {
    db,
    path,
    dir,
    cleanup: () => {
      try {
        db.$client.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sipas-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The journal mode written in a database file's header (bytes 18-19: 1 rollback journal, 2 WAL). */
export function headerJournalMode(path: string): 'rollback' | 'wal' {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, 18);
    return b[0] === 2 ? 'wal' : 'rollback';
  } finally {
    closeSync(fd);
  }
}
