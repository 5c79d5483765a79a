import { badRequest, forbidden } from '../../http/app-error.js';
import type { CurrentUser } from './current-user.js';

/**
 * Answers that identify a person (questions marked `identifying`) are left out of exports and
 * pages. Only an administrator may ask for them, explicitly (`identities=1`) and with a reason
 * (`reason=…`), which the caller records in the audit trail. Returns the reason, or null when
 * nobody asked.
 */
export function identitiesRequest(user: CurrentUser, query: Record<string, unknown>): { reason: string } | null {
  if (query.identities === undefined) return null;
  if (query.identities !== '1')
    throw badRequest({
      vi: 'identities=1 là yêu cầu xem các câu trả lời nhận diện người trả lời; không nhận giá trị khác.',
      en: 'identities=1 asks for the answers that identify a person; nothing else is accepted.',
    });
  if (user.role !== 'admin')
    throw forbidden({
      vi: 'Chỉ quản trị viên được xem các câu trả lời nhận diện người trả lời.',
      en: 'Only an administrator may see the answers that identify a person.',
    });
  const reason = typeof query.reason === 'string' ? query.reason.trim() : '';
  if (reason.length < 5 || reason.length > 500)
    throw badRequest({
      vi: 'Hãy ghi lý do cần xem các câu trả lời nhận diện người trả lời: reason=… (5 đến 500 ký tự).',
      en: 'Say why the answers that identify a person are needed: reason=… (5 to 500 characters).',
    });
  return { reason };
}
