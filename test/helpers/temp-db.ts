import { mkdtempSync, rmSync } from 'node:fs';
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
