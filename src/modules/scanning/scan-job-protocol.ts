import type { CurrentUser } from '../auth/current-user.js';
import type { Place, PlaceList } from '../definitions/place-list.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { ScanSummary } from './scan-forms.js';

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

/** From the thread; the server sends it only "cancel". */
export type ScanJobMessage =
  | { type: 'progress'; pages: number; total: number }
  | { type: 'done'; summary: ScanSummary }
  | { type: 'refused'; message: string }
  | { type: 'cancelled'; saved: number }
  | { type: 'failed'; message: string; stack: string | undefined };
