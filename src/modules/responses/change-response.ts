import type { Db } from '../../db/open-database.js';
import { conflict, notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { responseScope, type CurrentUser } from '../auth/current-user.js';
import type { Survey } from '../definitions/compile-survey.js';
import { checkAnswers, type Problem } from '../rules/check-answers.js';
import type { Answers } from '../rules/evaluate-expression.js';
import { packAnswers, unpackAnswers } from './pack-answers.js';
import { findResponseScoped, type StoredResponse } from './response-repository.js';
import { updateResponse } from './response-write-repository.js';
import { changedAnswers } from './response-view.js';
import { provinceChangeProblem } from './province-change.js';
import { keepIdentities } from './identity-mask.js';

/**
 * Supervised changes to a stored response: an edit (checked by the same rules as every entry
 * point) and a soft delete. Each is one transaction with its audit entry (who, when, before,
 * after), and each finds the response through the user's scope, so a response outside it is
 * "not found" however its id was learnt.
 */

export type SurveyOf = (r: StoredResponse) => Survey;

const actorOf = (user: CurrentUser) => ({ userId: user.id, name: user.username });

function visible(db: Db, user: CurrentUser, id: number): StoredResponse {
  const r = findResponseScoped(db, id, responseScope(user));
  if (!r)
    throw notFound({ vi: 'Không có phiếu nào mang số này trong phạm vi của bạn.', en: 'There is no response with this number, or it is not yours to see.' });
  return r;
}

export type EditResult = { ok: true; changed: number } | { ok: false; problems: Problem[] };

export function editResponse(db: Db, surveyOf: SurveyOf, user: CurrentUser, id: number, posted: Answers, reason: string, at: number): EditResult {
  return db.transaction(() => {
    const r = visible(db, user, id);
    if (r.status === 'deleted')
      throw conflict('response_deleted', { vi: 'Phiếu này đã bị xóa; không thể sửa nữa.', en: 'This response is deleted; it can no longer be edited.' });
    const survey = surveyOf(r);
    const answers = keepIdentities(survey, unpackAnswers(survey, r.codes, r.values), posted);
    // A paper form may leave answers blank (and so may an edit of it); an online one may not.
    const problems = checkAnswers(survey, answers, undefined, r.channel === 'online' ? 'online' : 'paper').filter(
      (p) => !(r.status === 'incomplete' && p.kind === 'required'),
    );
    const packed = packAnswers(survey, answers);
    const outside = provinceChangeProblem(user, survey, packed.province, r.province);
    if (outside) problems.push(outside);
    if (problems.length) return { ok: false, problems };
    const diff = changedAnswers(unpackAnswers(survey, r.codes, r.values), answers);
    const changed = Object.keys(diff.after).length;
    if (changed === 0) return { ok: true, changed };
    updateResponse(db, id, { status: r.status, at, packed });
    recordAudit(db, actorOf(user), at, {
      action: 'response_edited',
      entity: 'response',
      entityId: id,
      surveyId: r.surveyId,
      before: diff.before,
      after: diff.after,
      ...(reason ? { detail: { reason } } : {}),
    });
    return { ok: true, changed };
  });
}

/** Marks the response deleted (never removes the row); deleting twice changes nothing. */
export function deleteResponse(db: Db, user: CurrentUser, id: number, reason: string, at: number): 'deleted' | 'already_deleted' {
  return db.transaction(() => {
    const r = visible(db, user, id);
    if (r.status === 'deleted') return 'already_deleted';
    updateResponse(db, id, { status: 'deleted', at });
    recordAudit(db, actorOf(user), at, {
      action: 'response_deleted',
      entity: 'response',
      entityId: id,
      surveyId: r.surveyId,
      before: { status: r.status },
      after: { status: 'deleted' },
      ...(reason ? { detail: { reason } } : {}),
    });
    return 'deleted';
  });
}
