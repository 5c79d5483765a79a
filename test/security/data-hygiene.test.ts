import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open-database.js';
import { createDraft, findDraft } from '../../src/modules/questionnaire/draft-repository.js';
import { schedulePurgeDrafts } from '../../src/modules/questionnaire/purge-drafts.js';
import { createUser, login } from '../helpers/login.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-db.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue 19, item 10: staff pages and downloads are not kept by browsers or proxies; abandoned
 * drafts are purged (by the server on a schedule, and by `sipas drafts purge`); the database and
 * its backups are readable by their owner only.
 */

const DAY = 86_400_000;
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('Cache-Control on staff pages and downloads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('every page and download a signed-in user gets says no-store', async () => {
    const sup = await login(app.url, 'gs', (await createUser(app.deps.db, { username: 'gs', role: 'supervisor' })).password);
    const analyst = await login(app.url, 'pt', (await createUser(app.deps.db, { username: 'pt', role: 'analyst' })).password);
    const admin = await login(app.url, 'qt', (await createUser(app.deps.db, { username: 'qt', role: 'admin' })).password);
    const checks: [typeof sup, string][] = [
      [sup, '/keying'],
      [sup, '/imports'],
      [sup, '/conflicts'],
      [admin, '/responses'],
      [analyst, '/analysis/sipas-2023/ranking'],
      [analyst, '/analysis/sipas-2023/export.csv'],
      [analyst, '/analysis/sipas-2023/export.xlsx'],
      [analyst, '/analysis/sipas-2023/microdata/data.csv'],
    ];
    for (const [client, path] of checks) {
      const res = await client.fetch(path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('abandoned drafts', () => {
  function dbWithDrafts(path: string, now: number): void {
    const db = openDatabase(path);
    createDraft(db, { id: 'old', surveyId: 'tiny', surveyVersion: '1', accessCodeId: null, at: now - 31 * DAY });
    createDraft(db, { id: 'recent', surveyId: 'tiny', surveyVersion: '1', accessCodeId: null, at: now - 2 * DAY });
    db.$client.close();
  }

  it('`sipas drafts purge` deletes drafts untouched for 30 days and keeps the others', () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'sipas.db');
      dbWithDrafts(path, Date.now());
      const r = runCli(['drafts', 'purge', '--db', path]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/deleted 1 abandoned draft/);
      const db = openDatabase(path, { readonly: true });
      expect(findDraft(db, 'old', 'tiny')).toBeNull();
      expect(findDraft(db, 'recent', 'tiny')).not.toBeNull();
      db.$client.close();
    } finally {
      dir.cleanup();
    }
  });

  it('the server’s schedule purges at once and again on each tick', async () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'sipas.db');
      let now = Date.now();
      dbWithDrafts(path, now);
      const db = openDatabase(path);
      const purged: number[] = [];
      const stop = schedulePurgeDrafts(
        db,
        () => now,
        (n) => purged.push(n),
        20,
      );
      expect(purged).toEqual([1]);
      now += 29 * DAY; // the recent draft is now 31 days old
      await new Promise((r) => setTimeout(r, 100));
      stop();
      expect(purged).toEqual([1, 1]);
      expect(findDraft(db, 'recent', 'tiny')).toBeNull();
      db.$client.close();
    } finally {
      dir.cleanup();
    }
  });
});

describe('file modes', () => {
  it('a new database, its WAL and shared-memory files, a backup and a restored copy are 0600', () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'sipas.db');
      const db = openDatabase(path);
      db.$client.exec('CREATE TABLE t (x)');
      expect(mode(path)).toBe('600');
      for (const f of [`${path}-wal`, `${path}-shm`]) if (existsSync(f)) expect(mode(f), f).toBe('600');
      db.$client.close();

      const backup = join(dir.dir, 'backup.db');
      expect(runCli(['backup', backup, '--db', path]).status).toBe(0);
      expect(mode(backup)).toBe('600');
      const restored = join(dir.dir, 'restored.db');
      expect(runCli(['restore', backup, '--db', restored]).status).toBe(0);
      expect(mode(restored)).toBe('600');
    } finally {
      dir.cleanup();
    }
  });

  it('an existing database readable by others is narrowed to its owner when opened', () => {
    const dir = tempDir();
    try {
      const path = join(dir.dir, 'sipas.db');
      writeFileSync(path, '');
      chmodSync(path, 0o644);
      openDatabase(path).$client.close();
      expect(mode(path)).toBe('600');
    } finally {
      dir.cleanup();
    }
  });
});
