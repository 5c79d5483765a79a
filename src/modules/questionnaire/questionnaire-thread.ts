import { placeListToWire } from '../definitions/place-list.js';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/open-database.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { workerEntry } from '../../threads/worker-entry.js';
import type { ViewRenderer } from '../../http/view-renderer.js';
import { prepareSubmission, type Prepared } from './prepare-submission.js';
import { pageRenderer, showPage, type PageOutcome, type PageRequest } from './show-page.js';
import type { QuestionnaireThreadData, ThreadAnswer, ThreadJob } from './questionnaire-messages.js';

/**
 * The respondents' reads: a section page shown (show-page.ts), a submission's draft found and
 * checked (prepare-submission.ts). Done here or in the questionnaire thread, with the same result.
 */
export interface QuestionnaireWork {
  showPage(request: PageRequest): Promise<PageOutcome>;
  prepareSubmission(draftId: string, surveyId: string): Promise<Prepared>;
}

export interface QuestionnaireThread extends QuestionnaireWork {
  /** Ends the thread once it has answered what it was sent; after that, the work is done here. */
  stop(): Promise<void>;
}

/** In the server's own thread: for a database in memory, in tests, and when the thread has failed. */
export function workHere(db: Db, surveys: SurveyCatalog, views: ViewRenderer): QuestionnaireWork {
  return {
    showPage: (request) => Promise.resolve(showPage({ db, surveys, views }, request)),
    prepareSubmission: (draftId, surveyId) => Promise.resolve(prepareSubmission(db, surveys, draftId, surveyId)),
  };
}

/**
 * Jobs go to the thread four at a time, and the rest at the end of the event loop's turn. One
 * message per job costs each thread more to send and receive; one message per turn made the two
 * threads take turns: the thread sat idle while the server read a whole turn's requests, then
 * the server waited for the whole batch. In the benchmark, four gave the most submissions a second.
 */
const BATCH = 4;

interface Pending {
  job: ThreadJob;
  resolve: (result: PageOutcome | Prepared) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs the respondents' reads in a thread of their own, with its own read-only connection to the
 * file, the server's definitions compiled again and its own page renderer.
 *
 * Why: the server has one thread for every request, and under load a request's latency is the
 * queue in front of it. Reading the draft, checking the rules and rendering a page were about a
 * fifth to a quarter of a page's or a submission's time there; a second core does them now. They
 * only read, so the two connections never wait for each other (WAL). Every write stays in the
 * server's thread: a submission's in its group commit, which tells a draft sent twice from one
 * sent once, a page's answers before the redirect to the next page, which then reads them.
 * Writing from here too was tried (about a tenth more submissions a second) and dropped: with
 * two writers, the staff's transactions that read then write (keying, accounts) would fail with
 * SQLITE_BUSY_SNAPSHOT whenever this thread committed in between.
 *
 * If the thread fails, what it had not answered, and everything after, is done in the server's
 * thread; so is a job the thread could not do (its error, if any, comes from there with the
 * server's stack). The jobs only read, so they can run twice.
 */
export async function startQuestionnaireThread(
  db: Db,
  surveys: SurveyCatalog,
  root: string,
  options: { onError?: (error: Error) => void } = {},
): Promise<QuestionnaireThread> {
  const here = workHere(db, surveys, pageRenderer(root));
  const doHere = (job: ThreadJob): Promise<PageOutcome | Prepared> => (job[1] === 'page' ? here.showPage(job[2]) : here.prepareSubmission(job[2], job[3]));
  const entry = new URL('./questionnaire-worker.ts', import.meta.url);
  const data: QuestionnaireThreadData = {
    entry: entry.href,
    dbPath: db.$client.name,
    root,
    surveys: [...surveys.byVersion.values()].map((s) => ({
      definition: s.definition,
      places: placeListToWire(s.places),
      current: surveys.byId.get(s.id) === s,
    })),
    placeDir: surveys.placeTrees?.dir ?? null,
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
    for (const [id, p] of pending) {
      pending.delete(id);
      doHere(p.job).then(p.resolve, p.reject);
    }
  };
  worker.on('error', handOver);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      handOver(stopping ? null : new Error(`the questionnaire thread ended with code ${code}`));
      resolve();
    }),
  );
  worker.on('message', (answers: ThreadAnswer[]) => {
    for (const answer of answers) {
      const p = pending.get(answer[0]);
      if (!p) continue;
      pending.delete(answer[0]);
      if (answer[1] === null) doHere(p.job).then(p.resolve, p.reject);
      else p.resolve(withBuffers(answer[1]));
    }
    if (pending.size === 0) worker.unref();
  });
  const flush = (): void => {
    const jobs = queue;
    queue = [];
    if (jobs.length > 0 && !failed) worker.postMessage(jobs);
  };
  const send = <T extends PageOutcome | Prepared>(job: ThreadJob): Promise<T> => {
    if (failed) return doHere(job) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      pending.set(job[0], { job, resolve: resolve as (r: PageOutcome | Prepared) => void, reject });
      // Referenced while it owes answers: a server shutting down waits for them.
      if (pending.size === 1) worker.ref();
      if (queue.length === 0) setImmediate(flush);
      queue.push(job);
      if (queue.length >= BATCH) flush();
    });
  };

  return {
    showPage: (request) => send<PageOutcome>([next++, 'page', request]),
    prepareSubmission: (draftId, surveyId) => send<Prepared>([next++, 'submit', draftId, surveyId]),
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
function withBuffers(result: PageOutcome | Prepared): PageOutcome | Prepared {
  const buffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if ('kind' in result) return result.kind === 'page' ? { kind: 'page', html: buffer(result.html) } : result;
  return result.ok ? Object.assign({}, result, { packed: Object.assign({}, result.packed, { codes: buffer(result.packed.codes) }) }) : result;
}
