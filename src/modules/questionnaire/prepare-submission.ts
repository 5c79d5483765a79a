import type { Db } from '../../db/open-database.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import { checkAnswers, type Problem } from '../rules/check-answers.js';
import { packAnswers, type PackedAnswers } from '../responses/pack-answers.js';
import { findDraft } from './draft-repository.js';
import { draftSurvey } from './start-questionnaire.js';
import type { DraftAnswers } from './page-answers.js';
import { surveyKey } from '../definitions/survey-key.js';

/**
 * What a submission needs before its writes: the draft found, every rule checked, the answers
 * packed. Plain data only (it crosses from the questionnaire thread, see questionnaire-thread.ts);
 * `survey` is the "id@version" the draft was begun under.
 */
export type Prepared =
  | { ok: true; draftId: string; survey: string; accessCodeId: number | null; packed: PackedAnswers; startedAt: number }
  | { ok: false; refused: 'draftMissing' | 'codeUnknown' }
  | { ok: false; survey: string; problems: Problem[]; answers: DraftAnswers };

/**
 * Reads the draft and checks the whole response on it. Only reads: any connection to the file
 * can run it, and the writes that follow (submit-online-response.ts) find out for themselves
 * whether the draft is still there.
 */
export function prepareSubmission(db: Db, surveys: Pick<SurveyCatalog, 'byId' | 'byVersion'>, draftId: string, surveyId: string): Prepared {
  const draft = findDraft(db, draftId, surveyId);
  if (!draft) return { ok: false, refused: 'draftMissing' };
  const survey = draftSurvey(surveys, draft);
  if (!survey) return { ok: false, refused: 'draftMissing' };
  // A draft begun while the survey was open cannot be sent once it asks for codes.
  if (survey.definition.access === 'code' && draft.accessCodeId === null) return { ok: false, refused: 'codeUnknown' };
  const key = surveyKey(survey.id, survey.version);
  const problems = checkAnswers(survey, draft.answers);
  if (problems.length > 0) return { ok: false, survey: key, problems, answers: draft.answers };
  return {
    ok: true,
    draftId: draft.id,
    survey: key,
    accessCodeId: draft.accessCodeId,
    packed: packAnswers(survey, draft.answers),
    startedAt: draft.createdAt,
  };
}
