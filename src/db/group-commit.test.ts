import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers/temp-db.js';
import { inGroupCommit } from './group-commit.js';

let t: ReturnType<typeof tempDir>;
const open: Database.Database[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
  t.cleanup();
});

function connect(file: string): Database.Database {
  const c = new Database(file);
  c.pragma('journal_mode = WAL');
  c.pragma('wal_autocheckpoint = 0');
  c.pragma('busy_timeout = 0');
  open.push(c);
  return c;
}

function setUp(): { client: Database.Database; file: string; add: (n: number) => () => number; rows: () => number[]; walFrames: () => number } {
  t = tempDir();
  const file = join(t.dir, 'g.db');
  const client = connect(file);
  client.exec('CREATE TABLE t (n INTEGER NOT NULL)');
  const insert = client.prepare('INSERT INTO t (n) VALUES (?)');
  return {
    client,
    file,
    add: (n) => () => Number(insert.run(n).lastInsertRowid),
    rows: () => client.prepare('SELECT n FROM t ORDER BY n').pluck().all() as number[],
    // Nothing checkpoints (wal_autocheckpoint = 0), so the WAL only grows, a frame per page written.
    walFrames: () => (statSync(`${file}-wal`).size - 32) / (4096 + 24),
  };
}

describe('group commit', () => {
  it('commits the works queued in one turn as one transaction, each answered with its own result', async () => {
    const { client, add, rows, walFrames } = setUp();
    const before = walFrames();
    const ids = await Promise.all([1, 2, 3, 4].map((n) => inGroupCommit(client, add(n))));
    expect(ids).toEqual([1, 2, 3, 4]);
    expect(rows()).toEqual([1, 2, 3, 4]);
    const grouped = walFrames() - before;
    // The same four inserts committed one by one write the table's page four times.
    for (const n of [5, 6, 7, 8]) await inGroupCommit(client, add(n));
    const alone = walFrames() - before - grouped;
    expect(grouped).toBeLessThan(alone);
    expect(alone).toBeGreaterThanOrEqual(4);
  });

  it('undoes only the work that throws, and rejects its caller with its own error', async () => {
    const { client, add, rows } = setUp();
    const results = await Promise.allSettled([
      inGroupCommit(client, add(1)),
      inGroupCommit(client, () => {
        add(2)();
        throw new Error('refused');
      }),
      inGroupCommit(client, add(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(rows()).toEqual([1, 3]);
    expect(client.inTransaction).toBe(false);
  });

  it('runs each work once when none fails, and a group with a failing work again, each work alone', async () => {
    const { client, add, rows } = setUp();
    const calls = [0, 0, 0];
    const counted = (i: number, work: () => number) => () => (calls[i]!++, work());
    await Promise.all([inGroupCommit(client, counted(0, add(1))), inGroupCommit(client, counted(1, add(2)))]);
    expect(calls).toEqual([1, 1, 0]);
    const results = await Promise.allSettled([
      inGroupCommit(client, counted(0, add(3))),
      inGroupCommit(
        client,
        counted(2, () => {
          throw new Error('refused');
        }),
      ),
      inGroupCommit(client, counted(1, add(4))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The whole group undone at the first failure, then run with a savepoint each: the works
    // before the failing one ran twice, the one after it once, and every row is stored once.
    expect(calls).toEqual([3, 2, 2]);
    expect(rows()).toEqual([1, 2, 3, 4]);
    expect((results[0] as PromiseFulfilledResult<number>).value).toBe(3);
  });

  it('answers nobody before the commit, and rejects every caller when the transaction cannot begin', async () => {
    const { client, file, add, rows } = setUp();
    const other = connect(file);
    other.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    const results = await Promise.allSettled([inGroupCommit(client, add(1)), inGroupCommit(client, add(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('COMMIT');
    expect(rows()).toEqual([]);
    // The next group goes through.
    await expect(inGroupCommit(client, add(3))).resolves.toBe(1);
    expect(rows()).toEqual([3]);
  });
});
