import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../cli-context.js';
import { databaseInUse, openDatabase } from '../../db/open-database.js';
import { backupDatabase, BackupError, restoreDatabase, type BackupCheck } from '../../modules/backup/backup-repository.js';

const describe = (c: BackupCheck): string =>
  `integrity ${c.integrity}; ${c.responses} responses, ${c.users} users, ${c.auditEntries} audit entries, ${c.pages} pages`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write a consistent copy of the database, safe while the server runs',
  usage: 'sipas backup <file> [--force]',
  options: { force: { type: 'boolean' } },
  async run({ positionals, values }, ctx) {
    const [file] = positionals;
    if (!file) throw new UsageError('give the file to write the backup to');
    if (!existsSync(resolve(ctx.config.dbPath))) throw new UsageError(`there is no database at ${ctx.config.dbPath}`);
    try {
      // Read-only: a backup copies what is there and changes nothing (no migration either).
      const db = openDatabase(resolve(ctx.config.dbPath), { readonly: true });
      try {
        const check = await backupDatabase(db, resolve(file), { overwrite: values.force === true });
        ctx.io.out(`backup written to ${file}: ${describe(check)}\n`);
      } finally {
        db.$client.close();
      }
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new UsageError(err.message, 1);
      throw err;
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the database with a backup (checked first); stop the server before',
  usage: 'sipas restore <backup-file> --force',
  options: { force: { type: 'boolean' } },
  async run({ positionals, values }, ctx) {
    const [file] = positionals;
    if (!file) throw new UsageError('give the backup file to restore');
    const target = resolve(ctx.config.dbPath);
    if (existsSync(target) && values.force !== true) {
      throw new UsageError(`this replaces everything in ${ctx.config.dbPath} with ${file}; stop the server, then run again with --force`);
    }
    // Pages copied under a running server vanish from its view or are overwritten by its next
    // commits: acknowledged submissions would be lost. The server must be stopped first.
    if (databaseInUse(target)) {
      throw new UsageError(`${ctx.config.dbPath} is in use (a running server, an import or a backup); stop it, then run restore again`);
    }
    try {
      const check = await restoreDatabase(resolve(file), target);
      ctx.io.out(`restored ${ctx.config.dbPath} from ${file}: ${describe(check)}\n`);
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new UsageError(err.message, 1);
      throw err;
    }
  },
};
