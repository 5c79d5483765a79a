import type { ParseArgsConfig } from 'node:util';
import type { Context } from './cli-context.js';

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** One `sipas` subcommand: argv parsing is generic, `run` calls modules and prints. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run: (args: ParsedArgs, ctx: Context) => Promise<number> | number;
}
