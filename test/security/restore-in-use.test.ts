import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open-database.js';
import { findResponsesBySerials } from '../../src/modules/responses/response-repository.js';
import { tempDir } from '../helpers/temp-db.js';
import { repoRoot } from '../helpers/test-app.js';
import { tinyCatalog } from '../auth/response-fixtures.js';

/** Issue 19, item 9: `sipas restore --force` refuses while another connection (a server) has the database. */

const sipas = join(repoRoot, 'scripts', 'sipas.mjs');
const { survey } = tinyCatalog();

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [sipas, ...args], { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'test' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let dir: { dir: string; cleanup: () => void };
let writer: ChildProcess | undefined;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  writer?.kill('SIGKILL');
  dir.cleanup();
});

describe('sipas restore --force', () => {
  it('refuses while a server writes to the database, losing no acknowledged submission; works once it has stopped', async () => {
    const live = join(dir.dir, 'live.db');
    openDatabase(live).$client.close();
    const backup = join(dir.dir, 'backup.db');
    expect((await cli(['backup', backup, '--db', live])).status).toBe(0);

    const committed: string[] = [];
    writer = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'auth', 'response-writer.ts'), live], { cwd: repoRoot });
    let buffer = '';
    writer.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      committed.push(...lines);
    });
    while (committed.length < 100) await new Promise((r) => setTimeout(r, 20));

    const refused = await cli(['restore', backup, '--force', '--db', live]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/in use/);
    expect(refused.stderr).not.toMatch(/\n\s+at /); // a plain message, no stack trace

    writer.kill('SIGKILL');
    await new Promise((r) => writer!.once('close', r));
    const db = openDatabase(live, { readonly: true });
    const stored = findResponsesBySerials(db, survey.id, committed);
    db.$client.close();
    expect(committed.filter((s) => !stored.has(s))).toEqual([]);

    const done = await cli(['restore', backup, '--force', '--db', live]);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
  });
});
