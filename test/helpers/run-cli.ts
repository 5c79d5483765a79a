import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const sipas = join(import.meta.dirname, '..', '..', 'scripts', 'sipas.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `sipas` command in a child process, as a user would. */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [sipas, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', ...options.env },
    input: options.input ?? '',
    cwd: options.cwd ?? join(import.meta.dirname, '..', '..'),
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
