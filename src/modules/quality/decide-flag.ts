import type { Db } from '../../db/open-database.js';
import { notFound } from '../../http/app-error.js';
import { recordAudit } from '../audit/audit-repository.js';
import { provinceScope, type CurrentUser } from '../auth/current-user.js';
import { qualityPageTexts } from './quality-texts.js';
import { decideFlag, findFlagScoped, type StoredFlag } from './quality-repository.js';

export type Decision = 'confirm' | 'dismiss';

/** A flag the user may see (through their provinces); "not found" otherwise, exactly as for a number that does not exist. */
export function loadFlag(db: Db, user: CurrentUser, id: number): StoredFlag {
  const flag = findFlagScoped(db, id, provinceScope(user));
  if (!flag) throw notFound(qualityPageTexts.noSuchFlag);
  return flag;
}

/**
 * A supervisor's decision on a flag, with their note, in one transaction with its audit entry
 * (before and after). A decided flag may be decided again (a second look); the trail keeps both.
 * Confirmed flags on a response leave it out of `sipas index --exclude confirmed-flags`.
 */
export function decideQualityFlag(db: Db, user: CurrentUser, id: number, decision: Decision, note: string, at: number): StoredFlag {
  const flag = loadFlag(db, user, id);
  const status = decision === 'confirm' ? 'confirmed' : 'dismissed';
  db.$client.transaction(() => {
    decideFlag(db, flag.id, { status, note, by: user.id, at });
    recordAudit(db, { userId: user.id, name: user.username }, at, {
      action: `quality.${decision}`,
      entity: 'quality_flag',
      entityId: flag.id,
      surveyId: flag.surveyId,
      before: { status: flag.status, note: flag.note },
      after: { status, note },
      detail: { kind: flag.kind, responseId: flag.responseId, serial: flag.serial },
    });
  })();
  return { ...flag, status, note };
}
