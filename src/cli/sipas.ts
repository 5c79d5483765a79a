import { parseArgs } from 'node:util';
import { commands } from './commands.js';
import { makeContext, UsageError, type Io } from './cli-context.js';
import { DefinitionFileError } from '../modules/definitions/load-surveys.js';
import { ConfigError } from '../config.js';
import { PublishedDefinitionChanged } from '../db/survey-version-repository.js';

async function help(): Promise<string> {
  const all = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...all.map((c) => c.name.length));
  return [
    'sipas — the SIPAS survey engine',
    '',
    'Usage: sipas <command> [options]    (every command takes --db PATH; default $SIPAS_DB or data/sipas.db)',
    '',
    ...all.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'sipas <command> --help shows the options of one command.',
    '',
  ].join('\n');
}

/** Runs one command; returns the exit code. Never calls process.exit, so tests can call it. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await help());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...command.options, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.out(`${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    const ctx = makeContext(io, parsed.values.db);
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`sipas ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof DefinitionFileError || err instanceof ConfigError || err instanceof PublishedDefinitionChanged) {
      io.err(`sipas ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`sipas ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    io.err(`sipas ${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

export function processIo(): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
