import type { CurrentUser } from '../auth/current-user.js';
import type { Place, PlaceList } from '../definitions/place-list.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { ScanSummary } from './scan-forms.js';
import type { ThreadEndMessage } from '../../threads/thread-jobs.js';

/** What a web scan's thread is given (see scan-job-worker.ts): plain data, cloned. */
export interface ScanJobData {
  /** The worker module, for worker-boot.mjs. */
  entry: string;
  dbPath: string;
  definition: SurveyDefinition;
  places: { id: PlaceList['id']; places: Place[] };
  /** The uploaded files (temp paths ending in their type's extension) and the names people gave them. */
  files: { path: string; name: string }[];
  /** Counted before the job starts (the upload's page limit). */
  totalPages: number;
  batchId: number;
  province: string;
  user: CurrentUser;
}

/** The scan's own messages from its thread. */
export type ScanOwnMessage = { type: 'progress'; pages: number; total: number } | { type: 'done'; summary: ScanSummary } | { type: 'cancelled'; saved: number };

/** From the thread; the server sends it only "cancel". */
export type ScanJobMessage = ScanOwnMessage | ThreadEndMessage;
