import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The one place a connection is made: 8 KiB pages for a new file, WAL so readers never wait for the importer,
 * foreign keys on, a busy timeout so two processes (server + CLI) can share the file,
 * and every pending migration applied before anything else runs.
 */
export function openDatabase(path: string, options: { readonly?: boolean; checkpoints?: boolean } = {}): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    if (!options.readonly) createPrivately(path);
  }
  const client = new Database(path, { readonly: options.readonly ?? false });
  // 8 KiB pages for a new file (SQLite ignores it once the file has tables): a response row and
  // its index entries are small, and bigger pages mean fewer splits and fewer page writes, so
  // a million-row import writes a sixth faster. Set before WAL, which fixes the page size.
  if (!options.readonly) client.pragma('page_size = 8192');
  // First, so that turning WAL on waits for a bulk import holding the file (leaveWalIfAlone).
  client.pragma('busy_timeout = 5000');
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  // checkpoints: false for a second connection inside the server (a web import): the commit of a
  // big batch would otherwise copy the whole WAL back on the server's one thread, and every
  // respondent would wait for it; the server's checkpointer thread does it instead.
  if (options.checkpoints === false) client.pragma('wal_autocheckpoint = 0');
  const db: Db = drizzle(client, { schema });
  if (!options.readonly) migrate(db, { migrationsFolder });
  return db;
}

/**
 * The database holds password hashes and personal data: a new file is created readable by its
 * owner only (SQLite gives its -wal and -shm files the database file's mode), and an existing
 * one readable by others is narrowed to that.
 */
export function createPrivately(path: string): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', 0o600));
    return;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0 && statSync(path).uid === process.getuid?.()) chmodSync(path, mode & 0o700);
}

/**
 * For a bulk load into a file no other connection has open: switches it from WAL to a rollback
 * journal (synchronous FULL) and returns the function that switches it back; null, changing
 * nothing, when the file is in use, in memory, or mid-transaction.
 *
 * Why: through the WAL every new page is written twice, once to the WAL and again when the
 * checkpoint copies it into the file (docs/decisions/0005). With a rollback
 * journal, pages past the end of the file before the transaction need no journal at all, so they
 * are written once; a crash still leaves the file as it was (the journal restores the few old
 * pages and SQLite truncates the rest). The cost: a program that opens the file meanwhile waits
 * for the load to commit, instead of reading the state before it.
 */
export function leaveWalIfAlone(db: Db): (() => void) | null {
  const c = db.$client;
  if (c.memory || c.inTransaction || c.readonly) return null;
  const timeout = c.pragma('busy_timeout', { simple: true }) as number;
  c.pragma('busy_timeout = 0');
  try {
    // SQLite leaves WAL only when no other connection has the file open: BUSY otherwise.
    if (c.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return null;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw err;
  } finally {
    c.pragma(`busy_timeout = ${timeout}`);
  }
  const synchronous = c.pragma('synchronous', { simple: true }) as number;
  c.pragma('synchronous = FULL');
  return () => {
    c.pragma(`synchronous = ${synchronous}`);
    try {
      c.pragma('journal_mode = WAL');
    } catch (err) {
      // Someone opened the file meanwhile and holds it: the next openDatabase turns WAL back on.
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    }
  };
}

/**
 * Whether another connection has the database file open (a running server, an import, a
 * backup): SQLite leaves WAL only when no other connection has the file, and an exclusive lock
 * is refused while anyone reads or writes it. Checked without waiting; the file is left as it was.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const c = new Database(path, { fileMustExist: true });
  try {
    c.pragma('busy_timeout = 0');
    const wasWal = c.pragma('journal_mode', { simple: true }) === 'wal';
    if (wasWal && c.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return true;
    c.exec('BEGIN EXCLUSIVE');
    c.exec('ROLLBACK');
    if (wasWal) c.pragma('journal_mode = WAL');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') return true;
    throw err;
  } finally {
    c.close();
  }
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}
