import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/open-database.js';
import { auditHistory } from '../../src/modules/audit/audit-repository.js';
import { findUserByUsername, recordLoginFailure } from '../../src/modules/auth/user-repository.js';
import { verifyPassword } from '../../src/modules/auth/password-hash.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';

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
    const r = runCli(['user', 'add', '--username', 'Hoa', '--role', 'enumerator', '--province', '01', '--province', '79', '--name', 'Nguyễn Thị Hoa', '--db', dbPath], { input: 'correct horse battery\n' });
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

  it('refuses a password shorter than 10 characters, an unknown role or province, and a taken username, with exit 2', () => {
    const short = runCli(['user', 'add', '--username', 'a1', '--role', 'admin', '--db', dbPath], { input: 'short\n' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
    expect(runCli(['user', 'add', '--username', 'a1', '--role', 'boss', '--db', dbPath], { input: 'long enough pw\n' }).status).toBe(2);
    const province = runCli(['user', 'add', '--username', 'a1', '--role', 'enumerator', '--province', '99', '--db', dbPath], { input: 'long enough pw\n' });
    expect(province.status).toBe(2);
    expect(province.stderr).toContain('unknown province code "99"');
    const noProvince = runCli(['user', 'add', '--username', 'a1', '--role', 'supervisor', '--db', dbPath], { input: 'long enough pw\n' });
    expect(noProvince.stderr).toContain('needs at least one --province');
    expect(runCli(['user', 'add', '--username', 'a1', '--role', 'admin', '--db', dbPath], { input: 'long enough pw\n' }).status).toBe(0);
    const taken = runCli(['user', 'add', '--username', 'a1', '--role', 'analyst', '--db', dbPath], { input: 'long enough pw\n' });
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('taken');
  });

  it('list shows each account with its role, provinces and state; unlock lifts a lock; role changes are audited with before and after', () => {
    runCli(['user', 'add', '--username', 'lan', '--role', 'analyst', '--db', dbPath], { input: 'long enough pw\n' });
    const changed = runCli(['user', 'role', '--username', 'lan', '--role', 'supervisor', '--province', '01', '--db', dbPath]);
    expect(changed.status).toBe(0);
    const pre = open();
    recordLoginFailure(pre, findUserByUsername(pre, 'lan')!.id, 9, Date.now() + 3_600_000);
    pre.$client.close();
    expect(runCli(['user', 'list', '--db', dbPath]).stdout).toMatch(/^lan\tsupervisor\t01\tlocked\t/m);
    expect(runCli(['user', 'unlock', '--username', 'lan', '--db', dbPath]).status).toBe(0);
    const list = runCli(['user', 'list', '--db', dbPath]);
    expect(list.stdout).toMatch(/^lan\tsupervisor\t01\tactive\tlan$/m);
    const db = open();
    const role = auditHistory(db, 'user', findUserByUsername(db, 'lan')!.id).find((a) => a.action === 'role_changed')!;
    expect(role.before).toEqual({ role: 'analyst', provinces: [] });
    expect(role.after).toEqual({ role: 'supervisor', provinces: ['01'] });
    db.$client.close();
  });
});

describe('the first administrator', () => {
  it('a database with no admin makes `sipas serve` say how to create one', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'sipas.mjs'), 'serve', '--port', '0', '--db', dbPath], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('serving')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(out).toContain('no administrator account yet');
    expect(out).toContain('user add --username admin --role admin');
  });
});
