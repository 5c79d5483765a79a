import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { workerEntry } from './worker-entry.js';

export type JobState = 'running' | 'done' | 'refused' | 'error' | 'cancelled';

/** What every job run on a thread has; the progress page reads it. */
export interface ThreadJob {
  id: string;
  /** Who started it: only they see it. */
  userId: number;
  state: JobState;
  /** Cancel was asked; the thread stops at its next step. */
  cancelling: boolean;
  message: string | null;
}

/** The two ends every job's thread may report besides its own messages (the server sends it only "cancel"). */
export type ThreadEndMessage = { type: 'refused'; message: string } | { type: 'failed'; message: string; stack: string | undefined };

/** A job kind's own messages from its thread: progress, and the two ends it reports itself. */
export type OwnMessage = { type: 'progress' | 'done' | 'cancelled' };

/** How one job's thread is started and how its own messages move the job on. */
export interface JobLaunch<Job extends ThreadJob, Message extends OwnMessage> {
  /** The worker module; given to it as `entry` beside its data, for worker-boot.mjs. */
  entry: URL;
  /** Its workerData: plain data, cloned. */
  data: object;
  onProgress: (job: Job, message: Extract<Message, { type: 'progress' }>) => void;
  /** Before the job's state becomes done. */
  onDone: (job: Job, message: Extract<Message, { type: 'done' }>) => void;
  /** Before the job's state becomes cancelled. */
  onCancelled: (job: Job, message: Extract<Message, { type: 'cancelled' }>) => void;
}

/** A new job's id: unguessable, since it is in the progress page's address. */
export function newJobId(): string {
  return randomBytes(12).toString('base64url');
}

/** Share of the work done for the progress bar: never 100 before the job has ended. */
export function jobPercent(state: JobState, done: number, total: number): number {
  return state === 'running' ? (total > 0 ? Math.min(99, Math.floor((100 * done) / total)) : 0) : 100;
}

/**
 * Runs jobs one at a time, each in a thread of its own with its own connection: the long work
 * never runs on the server's thread, which only relays progress and a cancel. A job kind (an
 * import, a scan) extends this with its own `start`, which builds the job and its launch.
 */
export class ThreadJobs<Job extends ThreadJob, Message extends OwnMessage> {
  private readonly jobs = new Map<string, Job>();
  private readonly workers = new Map<string, Worker>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    protected readonly logger: Logger,
    /** Names the job in the log ("import", "scan"). */
    private readonly kind: string,
    /** What the person is told when the job fails on our side. */
    private readonly failed: string,
  ) {}

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Asks a running or queued job to stop; false when it has finished already. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.state !== 'running') return false;
    job.cancelling = true;
    this.workers.get(id)?.postMessage('cancel');
    return true;
  }

  /** Resolves when every queued job has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /**
   * Queues the job; `launch` is called when its turn comes (a failure there is the job's error,
   * logged), `cleanup` once it has ended however it ended, even cancelled before its turn (temp files go).
   */
  protected enqueue(job: Job, launch: () => JobLaunch<Job, Message>, cleanup: () => Promise<unknown>): Job {
    this.jobs.set(job.id, job);
    this.queue = this.queue.then(() => this.run(job, launch, cleanup));
    return job;
  }

  private async run(job: Job, launch: () => JobLaunch<Job, Message>, cleanup: () => Promise<unknown>): Promise<void> {
    try {
      if (job.cancelling) {
        job.state = 'cancelled';
        return;
      }
      const how = launch();
      // Booted through tsx, not bundled: opening the database finds its migrations beside its own module.
      const worker = new Worker(await workerEntry(how.entry, { bundle: false }), {
        workerData: Object.assign({ entry: how.entry.href }, how.data),
        execArgv: [],
      });
      this.workers.set(job.id, worker);
      if (job.cancelling) worker.postMessage('cancel');
      await this.untilEnded(job, worker, how);
    } catch (err) {
      this.logger.error({ err, job: job.id }, `${this.kind} job failed to start`);
      job.state = 'error';
      job.message = this.failed;
    } finally {
      this.workers.delete(job.id);
      await cleanup();
    }
  }

  private untilEnded(job: Job, worker: Worker, how: JobLaunch<Job, Message>): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (state: JobState, message: string | null): void => {
        if (job.state === 'running') {
          job.state = state;
          job.message = message;
        }
        // A thread booted through tsx is kept alive by its module loader: end it here.
        void worker.terminate().then(() => resolve());
      };
      worker.on('message', (m: Message | ThreadEndMessage) => {
        const end = m as ThreadEndMessage;
        if (end.type === 'refused') finish('refused', end.message);
        else if (end.type === 'failed') {
          this.logger.error({ err: { message: end.message, stack: end.stack }, job: job.id }, `${this.kind} job failed`);
          finish('error', this.failed);
        } else if (m.type === 'progress') how.onProgress(job, m as Extract<Message, { type: 'progress' }>);
        else if (m.type === 'done') {
          how.onDone(job, m as Extract<Message, { type: 'done' }>);
          finish('done', null);
        } else {
          how.onCancelled(job, m as Extract<Message, { type: 'cancelled' }>);
          finish('cancelled', null);
        }
      });
      worker.on('error', (err) => {
        this.logger.error({ err, job: job.id }, `${this.kind} thread failed`);
        finish('error', this.failed);
      });
      worker.on('exit', () => finish('error', this.failed));
    });
  }
}
