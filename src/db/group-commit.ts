import type Database from 'better-sqlite3';
import { inWriteTurn } from './write-turn.js';

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Thrown out of the one-transaction run when a work throws: the group is then run again, each work alone. */
const workFailed = new Error('a work of the group failed');

/**
 * Group commit: the writes that arrive in one turn of the event loop are committed together.
 *
 * The group runs as one transaction. Should a work throw, the whole group is undone and run again
 * with each work in a savepoint of its own, so only that work is undone and only its caller sees
 * the error; a work may therefore run twice, and must only write through the connection. Callers
 * are answered after the shared COMMIT, as if each had committed alone: nothing is acknowledged
 * before it is in the database.
 *
 * Why: most of the cost of a small transaction is its commit, and most of the pages a commit
 * writes to the WAL are shared (the table's last page, the index pages, the sequence). Under
 * load, the online form's submissions sharing one commit each write a few pages instead of ten.
 * A savepoint for every work, when none fails, would cost a large share of a submission's writes,
 * so savepoints are only for the rerun (docs/decisions/0006).
 */
class GroupCommit {
  private queue: Job[] = [];
  private readonly runAll: Database.Transaction<(jobs: Job[]) => unknown[]>;
  private readonly runEachAlone: Database.Transaction<(jobs: Job[]) => Settled[]>;

  constructor(private readonly client: Database.Database) {
    this.runAll = client.transaction((jobs: Job[]) =>
      jobs.map((job) => {
        try {
          return job.work();
        } catch {
          throw workFailed;
        }
      }),
    );
    // better-sqlite3 runs a transaction function called inside another one as a savepoint.
    const one = client.transaction((job: Job) => job.work());
    this.runEachAlone = client.transaction((jobs: Job[]) =>
      jobs.map((job): Settled => {
        try {
          return { ok: true, value: one(job) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // While a web import holds a transaction, the group waits for its turn without blocking the thread (write-turn.ts).
      if (this.queue.length === 0) setImmediate(() => void inWriteTurn(this.client, () => this.flush()));
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private flush(): void {
    const jobs = this.queue;
    this.queue = [];
    let settled: Settled[];
    try {
      settled = this.commit(jobs);
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of this group is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    settled.forEach((s, i) => (s.ok ? jobs[i]!.resolve(s.value) : jobs[i]!.reject(s.error)));
  }

  private commit(jobs: Job[]): Settled[] {
    try {
      return this.runAll.immediate(jobs).map((value) => ({ ok: true, value }));
    } catch (error) {
      if (error !== workFailed) throw error;
      return this.runEachAlone.immediate(jobs);
    }
  }
}

const groups = new WeakMap<Database.Database, GroupCommit>();

/**
 * Runs `work` (synchronous, writing only through `client`: it may run twice) in the next group
 * commit on that connection; resolves with its result once committed, rejects with what it threw
 * (its writes undone).
 */
export function inGroupCommit<T>(client: Database.Database, work: () => T): Promise<T> {
  let group = groups.get(client);
  if (!group) {
    group = new GroupCommit(client);
    groups.set(client, group);
  }
  return group.run(work);
}
