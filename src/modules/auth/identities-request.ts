import { badRequest, forbidden } from '../../http/app-error.js';
import { authTexts } from './auth-texts.js';
import type { CurrentUser } from './current-user.js';

/**
 * Answers that identify a person (questions marked `identifying`) are left out of exports and
 * pages. Only an administrator may ask for them, explicitly (`identities=1`) and with a reason
 * (`reason=…`), which the caller records in the audit trail. Returns the reason, or null when
 * nobody asked.
 */
export function identitiesRequest(user: CurrentUser, query: Record<string, unknown>): { reason: string } | null {
  if (query.identities === undefined) return null;
  if (query.identities !== '1') throw badRequest(authTexts.identitiesOnlyOne);
  if (user.role !== 'admin') throw forbidden(authTexts.identitiesAdminOnly);
  const reason = typeof query.reason === 'string' ? query.reason.trim() : '';
  if (reason.length < 5 || reason.length > 500) throw badRequest(authTexts.identitiesReason);
  return { reason };
}
