import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/open-database.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { workerEntry } from '../../threads/worker-entry.js';
import { prepareSubmission, type Prepared } from './prepare-submission.js';
import type { SubmissionThreadData } from './submission-worker.js';

/** Finds a submission's draft and checks it (see prepare-submission.ts), here or in another thread. */
export interface SubmissionPreparer {
  prepare(draftId: string, surveyId: string): Promise<Prepared>;
}

export interface SubmissionThread extends SubmissionPreparer {
  /** Ends the thread once it has answered what it was sent; after that, submissions are prepared here. */
  stop(): Promise<void>;
}

/** In the server's own thread: for a database in memory, in tests, and when the thread has failed. */
export function prepareHere(db: Db, surveys: SurveyCatalog): SubmissionPreparer {
  return { prepare: (draftId, surveyId) => Promise.resolve(prepareSubmission(db, surveys, draftId, surveyId)) };
}

/** One job as sent to the thread: [job number, draft id, survey id]. */
export type ThreadJob = [number, string, string];
/** One answer from the thread: [job number, what was prepared], or [job number, null] when it threw. */
export type ThreadAnswer = [number, Prepared] | [number, null];

/**
 * Jobs go to the thread four at a time, and the rest at the end of the event loop's turn. One
 * message per job costs each thread more to send and receive; one message per turn made the two
 * threads take turns: the thread sat idle while the server read a whole turn's requests, then
 * the server waited for the whole batch. In the benchmark, four gave the most submissions a second.
 */
const BATCH = 4;

interface Pending {
  draftId: string;
  surveyId: string;
  resolve: (p: Prepared) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs the draft read and the rule checks of the online form's submissions in a thread of their
 * own, with its own read-only connection to the file and the server's definitions compiled again.
 *
 * Why: the server has one thread for every request, and under load a submission's latency is
 * the queue in front of it. Reading the draft, checking every rule and packing the answers were
 * about a fifth of a submission's time there; a second core does them now. They only read, so the
 * two connections never wait for each other (WAL), and the writes stay where they were, in the
 * server's group commit, which tells a draft sent twice from one sent once.
 *
 * If the thread fails, what it had not answered, and everything after, is prepared in the
 * server's thread; so is a job the thread could not prepare (its error, if any, comes from there
 * with the server's stack). Preparing only reads, so it can run twice.
 */
export async function startSubmissionThread(db: Db, surveys: SurveyCatalog, options: { onError?: (error: Error) => void } = {}): Promise<SubmissionThread> {
  const here = prepareHere(db, surveys);
  const entry = new URL('./submission-worker.ts', import.meta.url);
  const data: SubmissionThreadData = {
    entry: entry.href,
    dbPath: db.$client.name,
    surveys: [...surveys.byVersion.values()].map((s) => ({ definition: s.definition, places: { id: s.places.id, places: [...s.places.places] }, current: surveys.byId.get(s.id) === s })),
  };
  // Not the server's flags (a loader, a profiler): the entry is plain JavaScript, or boots tsx itself.
  const worker = new Worker(await workerEntry(entry), { workerData: data, execArgv: [] });
  worker.unref();
  const pending = new Map<number, Pending>();
  let queue: ThreadJob[] = [];
  let next = 0;
  let failed = false;
  let stopping = false;

  const handOver = (error: Error | null): void => {
    if (!failed && error) options.onError?.(error);
    failed = true;
    queue = [];
    for (const [id, job] of pending) {
      pending.delete(id);
      here.prepare(job.draftId, job.surveyId).then(job.resolve, job.reject);
    }
  };
  worker.on('error', handOver);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      handOver(stopping ? null : new Error(`the submission thread ended with code ${code}`));
      resolve();
    }),
  );
  worker.on('message', (answers: ThreadAnswer[]) => {
    for (const answer of answers) {
      const job = pending.get(answer[0]);
      if (!job) continue;
      pending.delete(answer[0]);
      if (answer[1] === null) here.prepare(job.draftId, job.surveyId).then(job.resolve, job.reject);
      else job.resolve(fromThread(answer[1]));
    }
    if (pending.size === 0) worker.unref();
  });
  const flush = (): void => {
    const jobs = queue;
    queue = [];
    if (jobs.length > 0 && !failed) worker.postMessage(jobs);
  };

  return {
    prepare(draftId, surveyId) {
      if (failed) return here.prepare(draftId, surveyId);
      return new Promise<Prepared>((resolve, reject) => {
        const id = next++;
        pending.set(id, { draftId, surveyId, resolve, reject });
        // Referenced while it owes answers: a server shutting down waits for them.
        if (pending.size === 1) worker.ref();
        if (queue.length === 0) setImmediate(flush);
        queue.push([id, draftId, surveyId]);
        if (queue.length >= BATCH) flush();
      });
    },
    stop: async () => {
      stopping = true;
      flush();
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/** A Buffer crosses threads as a plain Uint8Array: made a Buffer again, over the same bytes. */
function fromThread(p: Prepared): Prepared {
  if (!p.ok) return p;
  const codes = p.packed.codes as Uint8Array;
  return { ...p, packed: { ...p.packed, codes: Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength) } };
}
