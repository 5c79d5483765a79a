import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createPrivately, type Db } from '../../db/open-database.js';

/**
 * Online backups through SQLite's backup API (better-sqlite3's `backup()`): a consistent copy
 * while the server keeps writing. The whole database is copied in one backup step, which
 * holds one read snapshot; in WAL mode writers carry on meanwhile (a copy made in many small
 * steps would restart each time another connection writes, and might never finish).
 */

export interface BackupCheck {
  integrity: string;
  responses: number;
  users: number;
  auditEntries: number;
  pages: number;
}

/** Opens a database file read-only and reports `PRAGMA integrity_check` and a few counts. */
export function inspectDatabaseFile(file: string): BackupCheck {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (conn.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const count = (table: string): number => {
      const exists = conn.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as number;
      return exists ? (conn.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) : 0;
    };
    return {
      integrity,
      responses: count('responses'),
      users: count('users'),
      auditEntries: count('audit_log'),
      pages: conn.pragma('page_count', { simple: true }) as number,
    };
  } finally {
    conn.close();
  }
}

const ALL_REMAINING = 0x7fffffff;

/**
 * Writes a consistent copy of the live database to `file` (through a temporary name, so a
 * half-written backup never has the final name) and checks it.
 */
export async function backupDatabase(db: Db, file: string, options: { overwrite?: boolean } = {}): Promise<BackupCheck> {
  if (existsSync(file) && !options.overwrite) throw new BackupError(`${file} exists; give another name or --force`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // A backup holds what the database holds: owner-only from its first byte.
  createPrivately(partial);
  try {
    await db.$client.backup(partial, { progress: () => ALL_REMAINING });
    const check = inspectDatabaseFile(partial);
    if (check.integrity !== 'ok') throw new BackupError(`the copy failed its integrity check: ${check.integrity}`);
    renameSync(partial, file);
    return check;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Restores a backup over the database at `target`, again through the backup API, so SQLite
 * takes the locks and replaces the pages itself (copying the file over a live database, with its
 * -wal beside it, can corrupt it). The backup is checked first; nothing is touched if it is bad.
 */
export async function restoreDatabase(backupFile: string, target: string): Promise<BackupCheck> {
  if (!existsSync(backupFile)) throw new BackupError(`${backupFile} does not exist`);
  let check: BackupCheck;
  try {
    check = inspectDatabaseFile(backupFile);
  } catch (err) {
    throw new BackupError(`${backupFile} is not a usable SQLite database (${(err as Error).message}); nothing was restored`);
  }
  if (check.integrity !== 'ok') throw new BackupError(`${backupFile} failed its integrity check: ${check.integrity}; nothing was restored`);
  createPrivately(target);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, { progress: () => ALL_REMAINING });
  } finally {
    source.close();
  }
  return check;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
