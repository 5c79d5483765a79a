import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/open-database.js';
import { placeListToWire, type PlaceListWire } from '../definitions/place-list.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { IndexRequest, IndexRun } from '../results/run-index.js';
import { workerEntry } from '../../threads/worker-entry.js';
import type { ComputeIndex } from './live-index.js';

export interface IndexThreadData {
  /** The worker module, for worker-boot.mjs. */
  entry: string;
  dbPath: string;
  surveys: { definition: SurveyDefinition; places: PlaceListWire }[];
}
export interface IndexJob {
  id: number;
  /** "id@version" */
  survey: string;
  request: IndexRequest;
  at: number;
}
export type IndexAnswer = { id: number; run: IndexRun } | { id: number; error: { name: string; message: string; stack: string | undefined } };

export interface IndexThread {
  compute: ComputeIndex;
  stop(): Promise<void>;
}

/**
 * Runs the analysts' live index in a thread of its own, with a read-only connection: a ranking
 * over 800,000 responses takes seconds, and on the server's thread every other request (each
 * respondent's page) waited for it. Errors come back with their name and message (a bad
 * weighting file is the analyst's 400, not a failure).
 *
 * The thread boots through tsx rather than from a bundle: the index reads the engine's version
 * from package.json next to its own source.
 */
export async function startIndexThread(
  db: Db,
  surveys: SurveyCatalog,
  options: { onError?: (error: Error) => void; fallback?: ComputeIndex } = {},
): Promise<IndexThread> {
  const entry = new URL('./index-worker.ts', import.meta.url);
  const data: IndexThreadData = {
    entry: entry.href,
    dbPath: db.$client.name,
    surveys: [...surveys.byVersion.values()].map((s) => ({ definition: s.definition, places: placeListToWire(s.places) })),
  };
  const worker = new Worker(await workerEntry(entry, { bundle: false }), { workerData: data, execArgv: [] });
  worker.unref();
  const pending = new Map<number, { resolve: (run: IndexRun) => void; reject: (err: Error) => void }>();
  let next = 0;
  let failed: Error | null = null;
  let stopping = false;
  const failAll = (error: Error): void => {
    failed = error;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(error);
    }
  };
  worker.on('error', (err) => {
    options.onError?.(err);
    failAll(err);
  });
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (!stopping) {
        const err = new Error(`the index thread ended with code ${code}`);
        options.onError?.(err);
        failAll(err);
      }
      resolve();
    }),
  );
  worker.on('message', (answer: IndexAnswer) => {
    const p = pending.get(answer.id);
    if (!p) return;
    pending.delete(answer.id);
    if (pending.size === 0) worker.unref();
    if ('run' in answer) p.resolve(answer.run);
    else p.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name, stack: answer.error.stack }));
  });
  return {
    compute: (survey, request, at) => {
      // After a failure of the thread, the server's thread computes (slower for everyone, but answered).
      if (failed) return options.fallback ? options.fallback(survey, request, at) : Promise.reject(failed);
      return new Promise<IndexRun>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.ref();
        // Only plain data crosses: the request's province list may be read-only.
        worker.postMessage({ id, survey: `${survey.id}@${survey.version}`, request: structuredClone(request), at } satisfies IndexJob);
      });
    },
    stop: async () => {
      stopping = true;
      // Held until it has exited: an unreferenced thread would let the process end first, mid-shutdown.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
