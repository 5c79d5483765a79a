import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers/temp-db.js';
import { openDatabase } from './open-database.js';

let t: ReturnType<typeof tempDir>;
afterEach(() => t.cleanup());

describe('openDatabase', () => {
  it('makes a new file with 8 KiB pages in WAL mode, with foreign keys on and every migration applied', () => {
    t = tempDir();
    const db = openDatabase(join(t.dir, 'new.db'));
    expect(db.$client.pragma('page_size', { simple: true })).toBe(8192);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'responses'").pluck().get()).toBe(1);
    db.$client.close();
  });

  it('leaves checkpoints to others on a connection opened with checkpoints: false', () => {
    t = tempDir();
    const file = join(t.dir, 'second.db');
    const first = openDatabase(file);
    const second = openDatabase(file, { checkpoints: false });
    expect(first.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(second.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    second.$client.close();
    first.$client.close();
  });

  it('keeps the page size of a file made before', () => {
    t = tempDir();
    const file = join(t.dir, 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE kept (x)');
    old.close();
    const db = openDatabase(file);
    expect(db.$client.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('kept', 'responses')").pluck().get()).toBe(2);
    db.$client.close();
  });
});
