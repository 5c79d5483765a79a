import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WriteTurn } from '../../src/db/write-turn.js';
import { startIndexThread } from '../../src/modules/analysis/index-thread.js';
import { runImport, type ImportRequest } from '../../src/modules/imports/run-import.js';
import { backgroundNice } from '../../src/threads/background-priority.js';
import { tempDb, tempDir } from '../helpers/temp-db.js';
import { shipped } from '../helpers/test-app.js';
import { writeLargeCsv } from './generate-import-rows.js';

// Linux keeps a nice value per thread (/proc/self/task/<tid>/stat, field 19). Work nobody waits on
// this instant runs nicer than the threads that answer respondents; the writer, which holds the
// write lock respondents wait for, does not.
function threadNices(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended while we looked
    }
  });
}

const survey = shipped().byId.get('sipas-2023')!;
const base = getPriority();
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await writeLargeCsv(join(dir, 'lot.csv'), survey, 4000, 9);
});
afterAll(() => cleanup());

async function niceDuringImport(writeTurn: WriteTurn | undefined): Promise<Set<number>> {
  const t = tempDb();
  const seen = new Set<number>();
  try {
    const request: ImportRequest = {
      db: t.db,
      survey,
      file: join(dir, 'lot.csv'),
      fileName: 'lot.csv',
      batchName: 'lot',
      dryRun: false,
      partial: false,
      requiresVerification: false,
      actor: { userId: null, name: 'test' },
      now: () => 1,
      worker: true,
      writeTurn,
      onProgress: () => {
        for (const n of threadNices()) seen.add(n);
        // The writing thread (this one) keeps its priority.
        expect(getPriority()).toBe(base);
      },
    };
    expect(await runImport(request)).toMatchObject({ imported: 4000, status: 'committed' });
  } finally {
    t.cleanup();
  }
  return seen;
}

describe('background priority', () => {
  it("a web import's checking threads run nicer than the server's, its writing thread does not", async () => {
    expect(base).toBeLessThan(19);
    const seen = await niceDuringImport(new WriteTurn());
    expect(seen).toContain(backgroundNice(base));
    expect(seen).toContain(base);
  });

  it('an import run alone (the command line) keeps every thread at the priority it was started with', async () => {
    const seen = await niceDuringImport(undefined);
    expect([...seen]).toEqual([base]);
  });

  it("the analysts' index thread runs nicer than the server", async () => {
    const t = tempDb();
    const before = threadNices().filter((n) => n === backgroundNice(base)).length;
    const thread = await startIndexThread(t.db, shipped());
    try {
      // The thread lowers itself as it starts, after this call has returned.
      await vi.waitFor(() => expect(threadNices().filter((n) => n === backgroundNice(base)).length).toBeGreaterThan(before), { timeout: 30_000, interval: 50 });
    } finally {
      await thread.stop();
      t.cleanup();
    }
  });
});
