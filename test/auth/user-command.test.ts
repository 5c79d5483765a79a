import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { findUserByUsername, recordLoginFailure } from '../../src/modules/auth/user-repository.js';
import { verifyPassword } from '../../src/modules/auth/password-hash.js';
import { createUser } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

/** The rules themselves are unit-tested in src/modules/auth/manage-users.test.ts; here, the real command. */

let dir: { dir: string; cleanup: () => void };
let dbPath: string;
const open = (): Db => openDatabase(dbPath);

beforeEach(() => {
  dir = tempDir();
  dbPath = join(dir.dir, 'sipas.db');
});
afterEach(() => dir.cleanup());

describe('sipas user', () => {
  it('add creates an account with the password read from stdin, hashed with argon2id, and audits it', async () => {
    const r = runCli(
      ['user', 'add', '--username', 'Hoa', '--role', 'enumerator', '--province', '01', '--province', '79', '--name', 'Nguyễn Thị Hoa', '--db', dbPath],
      { input: 'correct horse battery\n' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('created enumerator "hoa" for provinces 01, 79');
    const db = open();
    const user = findUserByUsername(db, 'hoa')!;
    expect(user.displayName).toBe('Nguyễn Thị Hoa');
    expect(user.provinces).toEqual(['01', '79']);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, 'correct horse battery')).toBe(true);
    expect(auditHistory(db, 'user', user.id).map((a) => a.action)).toEqual(['user_created']);
    db.$client.close();
  });

  it('refuses a password shorter than 10 characters with exit 2 and creates nothing', () => {
    const short = runCli(['user', 'add', '--username', 'a1', '--role', 'admin', '--db', dbPath], { input: 'short\n' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
    const db = open();
    expect(findUserByUsername(db, 'a1')).toBeNull();
    db.$client.close();
  });

  it('list shows each account with role, provinces and state; role and unlock change them', async () => {
    const db = open();
    const { user } = await createUser(db, { username: 'lan', role: 'analyst' });
    recordLoginFailure(db, user.id, 9, Date.now() + 3_600_000);
    db.$client.close();
    expect(runCli(['user', 'list', '--db', dbPath]).stdout).toMatch(/^lan\tanalyst\tall provinces\tlocked\tlan$/m);
    expect(runCli(['user', 'role', '--username', 'lan', '--role', 'supervisor', '--province', '01', '--db', dbPath]).status).toBe(0);
    expect(runCli(['user', 'unlock', '--username', 'lan', '--db', dbPath]).status).toBe(0);
    expect(runCli(['user', 'list', '--db', dbPath]).stdout).toMatch(/^lan\tsupervisor\t01\tactive\tlan$/m);
  });
});

describe('the first administrator', () => {
  it('a database with no admin makes `sipas serve` say how to create one', async () => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'sipas.mjs'), 'serve', '--port', '0', '--db', dbPath], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 50_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('serving')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toContain('no administrator account yet');
    expect(out).toContain('user add --username admin --role admin');
  });
});
