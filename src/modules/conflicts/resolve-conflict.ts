import type { Db } from '../../db/open-database.js';
import { conflict, notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { provinceScope, type CurrentUser } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import { packAnswers, unpackAnswers } from '../responses/pack-answers.js';
import { findResponse, type StoredResponse } from '../responses/response-repository.js';
import { updateResponse } from '../responses/response-write-repository.js';
import { changedAnswers } from '../responses/response-view.js';
import { provinceChangeProblem } from '../responses/province-change.js';
import { UNUSABLE_REASON } from '../responses/incomplete-reason.js';
import { isUsable, ruleView, checkAnswers, type Problem } from '../rules/check-answers.js';
import { findConflictScoped, markConflictResolved, type Conflict, type Resolution } from './conflict-repository.js';
import { bothLangs } from '../../i18n/texts.js';
import { conflictTexts } from './conflict-texts.js';
import { incomingAnswersOf } from './conflict-view.js';

/**
 * A supervisor's decision on a conflict, in one transaction with its audit entries:
 * - `keep`: the stored response stays as it is; the conflict is closed.
 * - `replace`: the stored response takes the incoming answers, re-checked first by the same
 *   rules as every entry point (the rules may have caught something since, or the answers
 *   were keyed as incomplete); its trail records what changed, before and after.
 * The conflict is found through the user's provinces, so one outside them is "not found".
 */

export interface SurveyLookup {
  /** The definition a stored response or an incoming form was packed under (by id when the version is unknown). */
  (surveyId: string, version: string | null): Survey | undefined;
}

export type ResolveResult = { ok: true } | { ok: false; problems: Problem[] };

export function loadConflict(db: Db, user: CurrentUser, id: number): Conflict {
  const c = findConflictScoped(db, id, provinceScope(user));
  if (!c) throw notFound(conflictTexts.noSuchConflict);
  return c;
}

/** The definition to read the incoming answers with. */
export function incomingSurvey(surveys: SurveyLookup, c: Conflict): Survey {
  const survey = surveys(c.surveyId, c.incoming.form === 'packed' ? c.incoming.surveyVersion : null);
  if (!survey) throw notFound(bothLangs(conflictTexts, 'definitionNotLoaded', { survey: c.surveyId }));
  return survey;
}

export function resolveConflict(db: Db, surveys: SurveyLookup, user: CurrentUser, id: number, choice: Resolution, at: number): ResolveResult {
  const actor = { userId: user.id, name: user.username };
  return db.transaction((): ResolveResult => {
    const c = loadConflict(db, user, id);
    if (c.resolvedAt !== null) throw conflict('conflict_resolved', conflictTexts.alreadyResolved);
    if (choice === 'replace') {
      const response: StoredResponse | null = c.responseId === null ? null : findResponse(db, c.responseId);
      if (!response) throw conflict('no_stored_response', conflictTexts.nothingToReplace);
      if (response.status === 'deleted') throw conflict('response_deleted', conflictTexts.storedDeleted);
      const target = surveys(response.surveyId, response.surveyVersion);
      if (!target) throw notFound(bothLangs(conflictTexts, 'versionNotLoaded', { survey: response.surveyId, version: response.surveyVersion }));
      const answers = incomingAnswersOf(incomingSurvey(surveys, c), c.incoming);
      const paper = c.incomingChannel !== 'online';
      // A paper form below the usability rule stays out of the index, whoever wrote the conflict.
      const incomplete = c.incoming.incompleteReason ?? (paper && !isUsable(target, ruleView(target, answers)) ? UNUSABLE_REASON : null);
      // Incoming answers come from paper (keyed or imported): blanks are missing data; a form
      // keyed as incomplete stays incomplete.
      const problems = checkAnswers(target, answers, undefined, paper ? 'paper' : 'online');
      const packed = packAnswers(target, answers);
      const outside = provinceChangeProblem(user, target, packed.province, response.province);
      if (outside) problems.push(outside);
      if (problems.length > 0) return { ok: false, problems };
      // The supervisor has read both and chosen: the response counts from now on.
      const status = incomplete !== null ? 'incomplete' : 'verified';
      const diff = changedAnswers(unpackAnswers(target, response.codes, response.values), answers);
      updateResponse(db, response.id, { status, at, packed, incompleteReason: incomplete });
      recordAudit(db, actor, at, {
        action: 'conflict.replace',
        entity: 'response',
        entityId: response.id,
        surveyId: response.surveyId,
        before: { ...diff.before, ...(status !== response.status ? { status: response.status } : {}) },
        after: { ...diff.after, ...(status !== response.status ? { status } : {}) },
        detail: { conflictId: c.id, kind: c.kind, serial: c.serial, channel: c.incomingChannel, batchId: c.incomingBatchId },
      });
    }
    if (!markConflictResolved(db, c.id, { by: user.id, at, resolution: choice })) throw conflict('conflict_resolved', conflictTexts.alreadyResolved);
    recordAudit(db, actor, at, {
      action: 'conflict.resolve',
      entity: 'conflict',
      entityId: c.id,
      surveyId: c.surveyId,
      before: { resolvedAt: null },
      after: { resolution: choice, responseId: c.responseId },
      detail: { serial: c.serial, kind: c.kind },
    });
    return { ok: true };
  });
}
