import type { Command } from './command.js';

/**
 * Every `sipas` subcommand, in the order `--help` lists them. A command's module is loaded
 * only when it runs: `sipas import` does not wait for the web server's or the workbook's
 * libraries to load.
 */
export const commands: { name: string; load: () => Promise<Command> }[] = [
  { name: 'serve', load: async () => (await import('./commands/serve-command.js')).serveCommand },
  { name: 'validate', load: async () => (await import('./commands/validate-command.js')).validateCommand },
  { name: 'codebook', load: async () => (await import('./commands/codebook-command.js')).codebookCommand },
  { name: 'template', load: async () => (await import('./commands/codebook-command.js')).templateCommand },
  { name: 'import', load: async () => (await import('./commands/import-command.js')).importCommand },
  { name: 'codes', load: async () => (await import('./commands/codes-command.js')).codesCommand },
  { name: 'print', load: async () => (await import('./commands/print-command.js')).printCommand },
  { name: 'scan', load: async () => (await import('./commands/scan-command.js')).scanCommand },
  { name: 'user', load: async () => (await import('./commands/user-command.js')).userCommand },
  { name: 'backup', load: async () => (await import('./commands/backup-command.js')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/backup-command.js')).restoreCommand },
  { name: 'index', load: async () => (await import('./commands/index-command.js')).indexCommand },
  { name: 'publish', load: async () => (await import('./commands/index-command.js')).publishCommand },
  { name: 'drafts', load: async () => (await import('./commands/drafts-command.js')).draftsCommand },
  { name: 'quality', load: async () => (await import('./commands/quality-command.js')).qualityCommand },
  { name: 'export', load: async () => (await import('./commands/export-command.js')).exportCommand },
];
