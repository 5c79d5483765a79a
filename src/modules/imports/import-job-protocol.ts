import type { ImportLimits } from '../../config.js';
import type { Actor } from '../audit/audit-repository.js';
import type { PlaceListWire } from '../definitions/place-list.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { ImportSummary } from './run-import.js';
import type { ThreadEndMessage } from '../../threads/thread-jobs.js';

/** What a web import's thread is given (see import-job-worker.ts): plain data, cloned. */
export interface ImportJobData {
  /** The worker module, for worker-boot.mjs. */
  entry: string;
  dbPath: string;
  definition: SurveyDefinition;
  places: PlaceListWire;
  file: string;
  fileName: string;
  batchName: string;
  partial: boolean;
  dryRun: boolean;
  provinceScope: readonly string[] | null;
  actor: Actor;
  limits: ImportLimits;
  /** The server's WriteTurn (src/db/write-turn.ts), shared with this thread. */
  writeTurn: SharedArrayBuffer;
}

/** The import's own messages from its thread. */
export type ImportJobMessage =
  | { type: 'progress'; bytes: number; total: number; rows: number }
  | { type: 'done'; summary: ImportSummary; line: string }
  | { type: 'cancelled'; rows: number };

/** From the thread; the server sends it only "cancel". */
export type JobMessage = ImportJobMessage | ThreadEndMessage;
