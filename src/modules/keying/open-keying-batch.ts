import type { Db } from '../../db/open-database.js';
import { recordAudit } from '../audit/audit-repository.js';
import type { CurrentUser } from '../auth/current-user.js';
import { insertKeyingBatch, type NewBatch } from './keying-repository.js';

/** A supervisor opens a batch of returned paper forms; the audit trail keeps what was opened. Returns its id. */
export function openKeyingBatch(db: Db, user: CurrentUser, batch: Omit<NewBatch, 'createdBy' | 'at'>, at: number): number {
  const stored: NewBatch = Object.assign({}, batch, { createdBy: user.id, at });
  const id = insertKeyingBatch(db, stored);
  recordAudit(db, { userId: user.id, name: user.username }, at, {
    action: 'batch.create',
    entity: 'batch',
    entityId: id,
    surveyId: batch.surveyId,
    after: stored,
  });
  return id;
}
