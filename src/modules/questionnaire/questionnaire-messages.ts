// What the server's thread and the questionnaire thread send each other (questionnaire-thread.ts,
// questionnaire-worker.ts): apart from both, so neither imports the other.
import type { PlaceListWire } from '../definitions/place-list.js';
import type { SurveyDefinition } from '../definitions/survey-schema.js';
import type { Prepared } from './prepare-submission.js';
import type { PageOutcome, PageRequest } from './show-page.js';

export interface QuestionnaireThreadData {
  /** This module, for worker-boot.mjs when the thread boots through tsx. */
  entry: string;
  dbPath: string;
  /** Folder of the repository, for the views. */
  root: string;
  /** Every version the server loaded; `current` marks the one new drafts of its survey use. */
  surveys: { definition: SurveyDefinition; places: PlaceListWire; current: boolean }[];
  /** The folder of the place trees' reference lists, read by the thread on first use (null: none). */
  placeDir: string | null;
}

/** One job as sent to the thread, after its number. */
export type ThreadJob = [number, 'page', PageRequest] | [number, 'submit', string, string];
/** One answer from the thread: [job number, the result], or [job number, null] when it threw. */
export type ThreadAnswer = [number, PageOutcome | Prepared] | [number, null];
