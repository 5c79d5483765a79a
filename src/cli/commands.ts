import type { Command } from './command.js';
import { serveCommand } from './commands/serve-command.js';
import { validateCommand } from './commands/validate-command.js';
import { codebookCommand, templateCommand } from './commands/codebook-command.js';
import { importCommand } from './commands/import-command.js';
import { codesCommand } from './commands/codes-command.js';
import { userCommand } from './commands/user-command.js';
import { backupCommand, restoreCommand } from './commands/backup-command.js';
import { indexCommand, publishCommand } from './commands/index-command.js';
import { exportCommand } from './commands/export-command.js';

/** Every `sipas` subcommand, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, validateCommand, codebookCommand, templateCommand, importCommand, codesCommand, userCommand, backupCommand, restoreCommand, indexCommand, publishCommand, exportCommand];
