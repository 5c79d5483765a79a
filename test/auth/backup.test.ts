import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open-database.js';
import { inspectDatabaseFile } from '../../src/modules/backup/backup-repository.js';
import { packAnswers } from '../../src/modules/responses/pack-answers.js';
import { findResponsesBySerials } from '../../src/modules/responses/response-repository.js';
import { prepareBulkInsert } from '../../src/modules/responses/response-write-repository.js';
import { tempDir } from '../helpers/temp-db.js';
import { repoRoot } from '../helpers/test-app.js';
import { tinyCatalog, validAnswers } from './response-fixtures.js';

const sipas = join(repoRoot, 'scripts', 'sipas.mjs');
const { survey } = tinyCatalog();

/** The real command, without blocking this process (the writer's output keeps being read). */
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

describe('sipas backup and restore', () => {
  it('a backup taken while another process writes passes integrity_check and holds every response committed before it', async () => {
    const live = join(dir.dir, 'live.db');
    const db = openDatabase(live);
    const insert = prepareBulkInsert(db);
    const prefill = 20_000;
    db.$client.transaction(() => {
      for (let i = 0; i < prefill; i++) {
        insert({
          surveyId: survey.id,
          surveyVersion: survey.version,
          serial: `P${i}`,
          channel: 'import',
          status: 'verified',
          packed: packAnswers(survey, validAnswers(i % 2 ? '01' : '79')),
          at: 0,
        });
      }
    })();
    db.$client.close();

    const committed: string[] = [];
    writer = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'response-writer.ts'), live], { cwd: repoRoot });
    let buffer = '';
    writer.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      committed.push(...lines);
    });
    while (committed.length < 200) await new Promise((r) => setTimeout(r, 20));

    const before = committed.length;
    const backup = join(dir.dir, 'backup.db');
    const r = await cli(['backup', backup, '--db', live]);
    const after = committed.length;
    writer.kill('SIGKILL');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/integrity ok; \d+ responses/);
    expect(after).toBeGreaterThan(before); // the writer really was writing while the backup ran

    const check = inspectDatabaseFile(backup);
    expect(check.integrity).toBe('ok');
    const copy = openDatabase(backup, { readonly: true });
    const written = findResponsesBySerials(copy, survey.id, committed);
    // A consistent snapshot: every response committed before the backup began, and the
    // writer's rows form an unbroken prefix (no transaction half there, none skipped).
    for (const serial of committed.slice(0, before)) expect(written.has(serial)).toBe(true);
    const present = committed.filter((s) => written.has(s));
    expect(present).toEqual(committed.slice(0, present.length));
    expect(check.responses).toBe(prefill + present.length);
    copy.$client.close();

    // Restore into a fresh place and check it again.
    const restored = join(dir.dir, 'restored.db');
    const back = await cli(['restore', backup, '--db', restored]);
    expect(back.status).toBe(0);
    expect(inspectDatabaseFile(restored)).toMatchObject({ integrity: 'ok', responses: check.responses });
  });

  it('restore refuses to replace an existing database without --force, and refuses a damaged backup', async () => {
    const live = join(dir.dir, 'live.db');
    openDatabase(live).$client.close();
    const refused = await cli(['restore', live, '--db', live]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    const { writeFileSync } = await import('node:fs');
    const damaged = join(dir.dir, 'damaged.db');
    writeFileSync(damaged, 'this is not a database');
    const bad = await cli(['restore', damaged, '--db', join(dir.dir, 'other.db')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('is not a usable SQLite database');
    expect(bad.stderr).not.toContain('    at ');
  });
});
