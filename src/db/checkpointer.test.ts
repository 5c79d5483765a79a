import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers/temp-db.js';
import { openDatabase } from './open-database.js';
import { startCheckpointer } from './checkpointer.js';
import type { Db } from './open-database.js';

let t: ReturnType<typeof tempDir>;
let db: Db;
afterEach(() => {
  db.$client.close();
  t.cleanup();
});

describe('the checkpointer thread', () => {
  it('copies the WAL back while the connection only commits, and hands checkpoints back when stopped', async () => {
    t = tempDir();
    db = openDatabase(join(t.dir, 'c.db'));
    const c = db.$client;
    c.exec('CREATE TABLE filler (b BLOB)');
    const reports: { log: number; checkpointed: number }[] = [];
    const checkpointer = startCheckpointer(c, { intervalMs: 5, onCheckpoint: (r) => reports.push(r) });
    expect(c.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = c.prepare('INSERT INTO filler (b) VALUES (?)');
    for (let i = 0; i < 200; i++) {
      insert.run(Buffer.alloc(6000));
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    // The thread catches up: everything committed is copied into the database file.
    const deadline = Date.now() + 5000;
    while (!reports.some((r) => r.log > 0 && r.checkpointed === r.log) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(reports.some((r) => r.log > 0 && r.checkpointed === r.log)).toBe(true);
    await checkpointer.stop();
    expect(c.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(c.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(200);
  });

  it('does nothing for a database in memory', async () => {
    t = tempDir();
    db = openDatabase(':memory:');
    await startCheckpointer(db.$client).stop();
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
