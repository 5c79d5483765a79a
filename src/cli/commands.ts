import type { Command } from './command.js';
import { serveCommand } from './commands/serve-command.js';
import { validateCommand } from './commands/validate-command.js';
import { codebookCommand, templateCommand } from './commands/codebook-command.js';
import { codesCommand } from './commands/codes-command.js';
import { userCommand } from './commands/user-command.js';
import { indexCommand, publishCommand } from './commands/index-command.js';

/** Every `sipas` subcommand, in the order `--help` lists them. */
export const commands: Command[] = [serveCommand, validateCommand, codebookCommand, templateCommand, codesCommand, userCommand, indexCommand, publishCommand];
