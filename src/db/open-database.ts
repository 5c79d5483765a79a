import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
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
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path, { readonly: options.readonly ?? false });
  // 8 KiB pages for a new file (SQLite ignores it once the file has tables): a response row and
  // its index entries are small, and bigger pages mean fewer splits and fewer page writes, so
  // a million-row import writes a sixth faster. Set before WAL, which fixes the page size.
  if (!options.readonly) client.pragma('page_size = 8192');
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma('synchronous = NORMAL');
  const db: Db = drizzle(client, { schema });
  if (!options.readonly) migrate(db, { migrationsFolder });
  return db;
}

export function closeDatabase(db: Db): void {
  db.$client.close();
}
