import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/open-database.js';
import type { Survey } from '../definitions/compile-survey.js';
import { hashCode, normaliseCode } from '../access-codes/access-code-format.js';
import { findAccessCodeByHash } from '../access-codes/access-code-repository.js';
import { findResponseBySerial } from '../responses/response-repository.js';
import { createDraft, type Draft } from './draft-repository.js';
import type { SurveyCatalog } from '../definitions/load-surveys.js';
import type { QuestionnaireText } from './questionnaire-texts.js';
import { surveyKey } from '../definitions/survey-key.js';

/** The draft id stored in the database: the cookie's token hashed, so a database leak opens no draft. */
export function draftIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The survey a draft is answered under: the version it was started with, even after a newer one
 * is loaded; the current one if that version is no longer loaded.
 */
export function draftSurvey(surveys: Pick<SurveyCatalog, 'byId' | 'byVersion'>, draft: Pick<Draft, 'surveyId' | 'surveyVersion'>): Survey | undefined {
  return surveys.byVersion.get(surveyKey(draft.surveyId, draft.surveyVersion)) ?? surveys.byId.get(draft.surveyId);
}

export type StartResult = { ok: true; token: string } | { ok: false; reason: Extract<QuestionnaireText, 'codeUnknown' | 'codeUsed' | 'codePaperReceived'> };

/**
 * Opens a draft for a respondent. For a survey with access "code", the typed code is
 * normalised and looked up by its hash only (no comparison of the code itself, so response
 * time says nothing about how close a guess was); a used code, or one whose paper form has
 * already been received, is refused.
 */
export function startQuestionnaire(db: Db, survey: Survey, input: { code?: string }, at: number): StartResult {
  let accessCodeId: number | null = null;
  if (survey.definition.access === 'code') {
    const symbols = normaliseCode(input.code ?? '');
    // Hash even a malformed input, so a wrong length costs the same as a wrong code.
    const found = findAccessCodeByHash(db, survey.id, hashCode(symbols ?? input.code ?? ''));
    if (!symbols || !found) return { ok: false, reason: 'codeUnknown' };
    if (found.usedAt !== null) return { ok: false, reason: 'codeUsed' };
    if (findResponseBySerial(db, survey.id, found.serial)) return { ok: false, reason: 'codePaperReceived' };
    accessCodeId = found.id;
  }
  const token = randomBytes(32).toString('base64url');
  createDraft(db, { id: draftIdOf(token), surveyId: survey.id, surveyVersion: survey.version, accessCodeId, at });
  return { ok: true, token };
}
