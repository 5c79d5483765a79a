import type Database from 'better-sqlite3';

/** Index of the importer's flag (1 while it holds a write transaction) and of the server's count of writes waiting or running. */
const IMPORTER = 0;
const SERVER = 1;
/** Index of the number of writes the server has made through the turn (only ever grows). */
const WRITES = 2;
/** How long one wait lasts before the state is looked at again (a lost wake-up costs no more). */
const RECHECK_MS = 50;

/** Node has it since 16; the TypeScript library this project targets does not declare it yet. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      this: void,
      cells: Int32Array,
      index: number,
      value: number,
      timeout: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/**
 * Who writes next, between the server's thread and a web import's thread of the same process.
 *
 * SQLite has one write lock, and a connection that finds it taken sleeps inside SQLite (the busy
 * handler, up to 100 ms between looks): on the server's thread that stops every request. So the
 * server never asks SQLite while the import holds a transaction: it registers (`take`) and waits
 * without blocking; the import sees the registration after its current slice of rows, commits,
 * and does not begin again until the server's writes are done. The server goes first: a
 * respondent waits for at most one slice of the import, never for the import.
 *
 * Two shared counters, read and written with sequentially consistent atomics: each side raises
 * its own, then reads the other's, so both can never go ahead at once (Dekker's scheme).
 * See docs/decisions/0019-imports-commit-in-chunks.md.
 */
export class WriteTurn {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Int32Array;

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    this.cells = new Int32Array(this.buffer);
  }

  /** Server side: resolves once the import holds no transaction; the caller writes at once (synchronously), then calls `give`. */
  async take(): Promise<void> {
    Atomics.add(this.cells, SERVER, 1);
    Atomics.add(this.cells, WRITES, 1);
    while (Atomics.load(this.cells, IMPORTER) === 1) {
      const waited = waitAsync(this.cells, IMPORTER, 1, RECHECK_MS);
      if (waited.async) await waited.value;
    }
  }

  /** Server side: the write is done. */
  give(): void {
    Atomics.sub(this.cells, SERVER, 1);
    Atomics.notify(this.cells, SERVER);
  }

  /** Import side (a worker thread: it may block): waits until no write of the server waits or runs, and holds the turn. */
  takeBlocking(): void {
    for (;;) {
      Atomics.store(this.cells, IMPORTER, 1);
      const server = Atomics.load(this.cells, SERVER);
      if (server === 0) return;
      Atomics.store(this.cells, IMPORTER, 0);
      Atomics.notify(this.cells, IMPORTER);
      Atomics.wait(this.cells, SERVER, server, RECHECK_MS);
    }
  }

  /** Import side: its transaction is committed or rolled back. */
  release(): void {
    Atomics.store(this.cells, IMPORTER, 0);
    Atomics.notify(this.cells, IMPORTER);
  }

  /** Import side: how many writes the server has made so far (a change means respondents are at work). */
  get serverWrites(): number {
    return Atomics.load(this.cells, WRITES);
  }

  /** Import side: a write of the server is waiting (commit soon). */
  get serverWaiting(): boolean {
    return Atomics.load(this.cells, SERVER) > 0;
  }
}

const turns = new WeakMap<Database.Database, WriteTurn>();

/** Makes the connection's writes through `inWriteTurn` (and group commits) wait for the turn. */
export function shareWriteTurn(client: Database.Database, turn: WriteTurn): void {
  turns.set(client, turn);
}

/**
 * Runs a synchronous write on the connection when it is the server's turn (at once when no
 * import thread shares the connection's database), without blocking the thread meanwhile.
 */
export async function inWriteTurn<T>(client: Database.Database, work: () => T): Promise<T> {
  const turn = turns.get(client);
  if (!turn) return work();
  await turn.take();
  try {
    return work();
  } finally {
    turn.give();
  }
}
